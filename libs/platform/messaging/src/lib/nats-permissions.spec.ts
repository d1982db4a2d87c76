import { DEAD_LETTER_PREFIX, DEAD_LETTER_STREAM, EVENT_STREAM, deadLetterSubject, sourceDurableName, sourceFilter } from './messaging.constants';
import { natsInboxPrefix, natsRpcInboxPrefix } from './nats-connection';

// The permission table is plain JS read by the runner, jest's global setup and the chart tests before anything is
// built; it restates the names this library gives durables, streams, subjects and inboxes. If the two drift, every
// service is refused by NATS at start (AUTHORIZATION_VIOLATION) — this test says why before a stack does.
// eslint-disable-next-line @nx/enforce-module-boundaries -- plain JS, required by path: it runs unbuilt (libs/platform/local-infrastructure)
const permissions = require('../../../local-infrastructure/src/nats-permissions.cjs') as {
  NATS_SERVICES: Record<string, { calls: string[] }>;
  EVENT_STREAM: string;
  DEAD_LETTER_STREAM: string;
  inboxPrefix(service: string): string;
  rpcInboxPrefix(service: string): string;
  ownDurables(service: string): string[];
  servicePermissions(service: string): { publish: { allow: string[] }; subscribe: { allow: string[] } };
};

const services = Object.keys(permissions.NATS_SERVICES);

describe('the NATS permission table and the names messaging uses', () => {
  it('names the same streams', () => {
    expect(permissions.EVENT_STREAM).toBe(EVENT_STREAM);
    expect(permissions.DEAD_LETTER_STREAM).toBe(DEAD_LETTER_STREAM);
  });

  it.each(services)("grants %s exactly the durables sourceDurableName gives it, one per source service", (service) => {
    expect(permissions.ownDurables(service)).toEqual(services.map((source) => sourceDurableName(service, source)));
    const allow = permissions.servicePermissions(service).publish.allow;
    for (const source of services) {
      const durable = sourceDurableName(service, source);
      // NATS 2.9+ puts the filter subject after the durable name in the create call's subject.
      expect(allow).toContain(`$JS.API.CONSUMER.CREATE.${EVENT_STREAM}.${durable}.>`);
      expect(allow).toContain(`$JS.ACK.${EVENT_STREAM}.${durable}.>`);
    }
  });

  it.each(services)('lets %s publish its own events and dead letters, and read replies on its own inbox prefix', (service) => {
    const { publish, subscribe } = permissions.servicePermissions(service);
    expect(publish.allow).toContain(sourceFilter(service));
    expect(deadLetterSubject(service, 'tsunagu.evt.x.y').startsWith(`${DEAD_LETTER_PREFIX}.${service}.`)).toBe(true);
    expect(publish.allow).toContain(`${DEAD_LETTER_PREFIX}.${service}.>`);
    expect(permissions.inboxPrefix(service)).toBe(natsInboxPrefix(service));
    expect(subscribe.allow).toContain(`${natsInboxPrefix(service)}.>`);
  });

  it.each(services)("lets the services %s calls answer under the reply prefix its RPC client uses, and nowhere else in its inbox", (service) => {
    expect(permissions.rpcInboxPrefix(service)).toBe(natsRpcInboxPrefix(service));
    expect(natsRpcInboxPrefix(service).startsWith(`${natsInboxPrefix(service)}.`)).toBe(true);
    for (const callee of permissions.NATS_SERVICES[service].calls) {
      expect(permissions.servicePermissions(callee).publish.allow).toContain(`${natsRpcInboxPrefix(service)}.>`);
    }
  });
});
