import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  connect,
  PermissionViolationError,
  type NatsConnection,
} from '@nats-io/transport-node';
import { startTestNats, type TestNats } from '@tsunagu/platform-testing';
import {
  connectNats,
  ensureEventStreams,
  EVENT_STREAM,
  natsConnectionOptions,
  natsInboxPrefix,
  natsRpcInboxPrefix,
  sourceDurableName,
  sourceFilter,
} from '../src';

/** Each service's own NATS user, as the local stack, the test harness and the chart's example configure them. */
describe('NATS users: each service publishes its own events only', () => {
  let nats: TestNats;
  const connections: NatsConnection[] = [];

  /** Connects as a service's own user, with its inbox prefix, as MessagingModule does. */
  async function connectAs(
    service: string,
    inboxOf: string | undefined = service,
  ): Promise<NatsConnection> {
    const env = nats.serviceEnv(service);
    const connection = await connectNats(
      {
        url: env.NATS_URL,
        user: env.NATS_USER,
        password: env.NATS_PASSWORD,
        service: inboxOf,
      },
      `permissions-${service}`,
    );
    connections.push(connection);
    return connection;
  }

  /** Connects as a service's RPC client does: its own user, replies under its RPC inbox prefix (MessagingModule). */
  async function connectAsRpcClient(service: string): Promise<NatsConnection> {
    const env = nats.serviceEnv(service);
    const connection = await connect({
      ...natsConnectionOptions({ url: env.NATS_URL, user: env.NATS_USER, password: env.NATS_PASSWORD, service }),
      inboxPrefix: natsRpcInboxPrefix(service),
      name: `permissions-${service}-rpc`,
    });
    connections.push(connection);
    return connection;
  }

  const lastSequence = async (connection: NatsConnection) =>
    (await (await jetstreamManager(connection)).streams.info(EVENT_STREAM))
      .state.last_seq;

  /** The server's refusal behind a failed request (the client wraps it in a RequestError). */
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    const cause =
      error instanceof PermissionViolationError
        ? error
        : (error as { cause?: unknown } | undefined)?.cause;
    expect(cause).toBeInstanceOf(PermissionViolationError);
    return cause as PermissionViolationError;
  };

  beforeAll(async () => {
    nats = await startTestNats();
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await nats.destroy();
  });

  it('lets a service set up the streams and publish on its own event subjects', async () => {
    const intake = await connectAs('intake');
    await ensureEventStreams(await jetstreamManager(intake), {
      replicas: 1,
      duplicateWindowMs: 60_000,
    });
    const ack = await jetstream(intake).publish(
      'tsunagu.evt.intake.consultation.received',
      '{}',
    );
    expect(ack.stream).toBe(EVENT_STREAM);
  });

  it("refuses a service that publishes on another service's subject (a forged event): nothing reaches the stream", async () => {
    const outreach = await connectAs('outreach');
    const before = await lastSequence(outreach);
    const forged = jetstream(outreach).publish(
      'tsunagu.evt.intake.consultation.received',
      '{}',
      { timeout: 2_000 },
    );
    expect(await refusal(forged)).toMatchObject({
      operation: 'publish',
      subject: 'tsunagu.evt.intake.consultation.received',
    });
    expect(await lastSequence(outreach)).toBe(before);
  });

  it('lets only the callers of a service send it requests, and only that service answer them', async () => {
    const registry = await connectAs('registry');
    const answered: string[] = [];
    registry.subscribe('tsunagu.rpc.registry.>', {
      queue: 'registry',
      callback: (_error, message) => {
        answered.push(message.subject);
        message.respond('{"ok":true}');
      },
    });
    await registry.flush();

    const matching = await connectAsRpcClient('matching');
    const reply = await matching.request(
      'tsunagu.rpc.registry.resources.search',
      '{}',
      { timeout: 2_000 },
    );
    expect(reply.string()).toBe('{"ok":true}');
    expect(answered).toEqual(['tsunagu.rpc.registry.resources.search']);

    // The registry may answer under matching's RPC reply prefix only (no allow_responses): a request whose reply
    // subject lies elsewhere in matching's inbox — where its JetStream pulls are — gets no answer.
    const plainInbox = await connectAs('matching');
    await expect(plainInbox.request('tsunagu.rpc.registry.resources.search', '{}', { timeout: 1_000 })).rejects.toThrow(/timeout/i);
    expect(answered).toHaveLength(2);

    // outreach calls no registry operation: its request is refused by the server.
    const outreach = await connectAs('outreach');
    expect(
      await refusal(
        outreach.request('tsunagu.rpc.registry.resources.search', '{}', {
          timeout: 2_000,
        }),
      ),
    ).toMatchObject({ operation: 'publish' });

    // Nobody but the registry may subscribe to the registry's requests (and answer in its name).
    const impostor = await connectAs('reporting');
    const refused = new Promise<unknown>((resolve) =>
      impostor.subscribe('tsunagu.rpc.registry.>', {
        callback: (error) => resolve(error),
      }),
    );
    await impostor.flush();
    expect(await refused).toBeInstanceOf(PermissionViolationError);
    expect(answered).toHaveLength(2);
  });

  it("lets a service manage its own durables per source only: another service's durable cannot be deleted or looked up, nor a durable of another name created", async () => {
    const intake = await jetstreamManager(await connectAs('intake'));
    await ensureEventStreams(intake, { replicas: 1, duplicateWindowMs: 60_000 });
    const matching = await jetstreamManager(await connectAs('matching'));
    const own = sourceDurableName('matching', 'intake');
    await matching.consumers.add(EVENT_STREAM, { durable_name: own, filter_subject: sourceFilter('intake'), ack_policy: AckPolicy.Explicit });
    expect((await matching.consumers.info(EVENT_STREAM, own)).name).toBe(own);

    // outreach may not delete (nor look up) matching's durable: it stays, and matching goes on reading from it.
    const outreach = await jetstreamManager(await connectAs('outreach'));
    expect(await refusal(outreach.consumers.delete(EVENT_STREAM, own))).toMatchObject({ operation: 'publish', subject: `$JS.API.CONSUMER.DELETE.${EVENT_STREAM}.${own}` });
    await refusal(outreach.consumers.info(EVENT_STREAM, own));
    await refusal(outreach.consumers.add(EVENT_STREAM, { durable_name: 'outreach-anything', ack_policy: AckPolicy.Explicit }));
    expect((await matching.consumers.info(EVENT_STREAM, own)).name).toBe(own);

    // Its own durable per source, matching may delete (and recreate on its next start).
    await matching.consumers.delete(EVENT_STREAM, own);
    await expect(matching.consumers.info(EVENT_STREAM, own)).rejects.toThrow(/consumer not found/i);
  });

  it("lets reporting's rebuild read the stream through an ordered consumer (any name, no ack, no delete)", async () => {
    const intake = await connectAs('intake');
    await ensureEventStreams(await jetstreamManager(intake), { replicas: 1, duplicateWindowMs: 60_000 });
    const { seq } = await jetstream(intake).publish('tsunagu.evt.intake.consultation.received', '{}');
    const reporting = await connectAs('reporting');
    const ordered = await jetstream(reporting).consumers.get(EVENT_STREAM, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: seq });
    const message = await ordered.next({ expires: 2_000 });
    expect(message?.seq).toBe(seq);
    // As rebuild.ts does: the delete is refused (it expires on its own), and nothing else is affected.
    await refusal(ordered.delete());
  });

  it("keeps each service's replies to itself: another inbox prefix may not be subscribed to", async () => {
    expect(natsInboxPrefix('intake')).toBe('_INBOX_intake');
    // A connection of matching's user with reporting's inbox prefix cannot receive anything there.
    const matching = await connectAs('matching', 'reporting');
    expect(
      await refusal(
        matching.request('tsunagu.rpc.registry.resources.search', '{}', {
          timeout: 2_000,
        }),
      ),
    ).toMatchObject({ operation: 'subscription' });
  });
});
