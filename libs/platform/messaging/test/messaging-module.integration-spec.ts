import { Controller, Injectable, type CallHandler, type CanActivate, type ExecutionContext, type INestApplication, type NestInterceptor } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test, type TestingModule } from '@nestjs/testing';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import type { CloudEvent } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import { ConfigModule, platformVariables } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { HealthModule, ReadinessRegistry } from '@tsunagu/platform-service';
import { PersistenceModule } from '@tsunagu/platform-persistence';
import { expectEventually } from '@tsunagu/platform-testing';
import { register } from 'prom-client';
import { JetStreamServer, messagingEntities, MessagingModule, EventRecorder, type JetStreamContext } from '../src';
import { consumerCount, MUNICIPALITY, SCHEMA, startMessagingFixture, Thing, ThingHappened, ThingSeen, type MessagingFixture, type ThingHappenedData } from './messaging-fixture';

@Controller()
class ThingProjector {
  /** The app's EntityManager, as a service injects it: in a handler it is the event's own (`ctx.em`). */
  constructor(private readonly em: EntityManager) {}

  @EventPattern(ThingHappened.subject)
  async project(@Payload() event: CloudEvent<ThingHappenedData>, @Ctx() ctx: JetStreamContext): Promise<void> {
    if (event.data.behaviour === 'refuse-invalid') throw DomainException.invalidField('thingId', 'is not a thing this service knows');
    const seen = Object.assign(new ThingSeen(), { eventId: event.id, municipality: TenantContext.municipality() });
    if (event.data.behaviour === 'fail-always') {
      // Written through the injected EntityManager, then refused: the write goes with the event's transaction.
      await this.em.persist(seen).flush();
      throw DomainException.invalidField('thingId', 'is refused after it was written');
    }
    ctx.em.persist(seen);
  }
}

/** The kinds of context the HTTP app's global guard and interceptor were asked about (audit and auth are such). */
const enhancerCalls: string[] = [];

@Injectable()
class RecordingGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    enhancerCalls.push(`guard:${context.getType()}`);
    return true;
  }
}

@Injectable()
class RecordingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    enhancerCalls.push(`interceptor:${context.getType()}`);
    return next.handle();
  }
}

describe('MessagingModule wired like a service', () => {
  let fixture: MessagingFixture;
  let moduleRef: TestingModule;
  let app: INestApplication;

  beforeAll(async () => {
    fixture = await startMessagingFixture();
    const env = {
      DATABASE_URL: fixture.database.url,
      NATS_URL: fixture.nats.url,
      OIDC_ISSUER: 'http://127.0.0.1:1/idp',
      NODE_ENV: 'test',
      OUTBOX_POLL_INTERVAL_MS: '200',
    };
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(platformVariables, env),
        HealthModule,
        PersistenceModule.forService({ service: SCHEMA, entities: [...messagingEntities, Thing, ThingSeen], migrations: [] }),
        MessagingModule.forService({ service: SCHEMA, events: [ThingHappened] }),
      ],
      controllers: [ThingProjector],
      providers: [
        { provide: APP_GUARD, useClass: RecordingGuard },
        { provide: APP_INTERCEPTOR, useClass: RecordingInterceptor },
      ],
    }).compile();
    // As a service's main.ts does: the HTTP app, its consumers connected beside it.
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    JetStreamServer.connect(app);
    await app.init();
    await app.startAllMicroservices();
  });

  afterAll(async () => {
    await app.close();
    await fixture.close();
  });

  const record = (behaviour: ThingHappenedData['behaviour']) => {
    const orm = moduleRef.get(MikroORM);
    const outbox = moduleRef.get(EventRecorder);
    return TenantContext.run({ requestId: 'req-1', municipality: MUNICIPALITY }, () =>
      orm.em.fork().transactional(async (tx) => {
        const thing = new Thing();
        tx.persist(thing);
        return outbox.record(tx, ThingHappened, thing.id, { thingId: thing.id, behaviour }).id;
      }),
    );
  };
  const deadLettered = (reason: string) => consumerCount('tsunagu_messages_dead_lettered_total', 'things__from__things', { reason });

  it('records, relays and consumes an event end to end, and reports readiness and metrics', async () => {
    const orm = moduleRef.get(MikroORM);
    const eventId = await record('ok');
    await expectEventually(async () => expect(await orm.em.fork().find(ThingSeen, { eventId })).toHaveLength(1), { timeoutMs: 5_000 });

    const readiness = await moduleRef.get(ReadinessRegistry).evaluate();
    expect(readiness.checks['nats']).toEqual({ status: 'up', critical: false });
    const metrics = await register.metrics();
    expect(metrics).toContain(`tsunagu_outbox_lag_seconds{schema="${SCHEMA}"} 0`);
    // One durable per source service (ADR 0016).
    expect(metrics).toMatch(/tsunagu_consumer_pending_messages\{consumer="things__from__things",subject="tsunagu.evt.things.>"\} 0/);
    expect(metrics).toMatch(/tsunagu_outbox_published_total\{subject="tsunagu.evt.things.thing.happened"\} 1/);
  });

  it('runs event handlers without the HTTP app’s global guard and interceptors, and hands their errors to the transport as thrown', async () => {
    const orm = moduleRef.get(MikroORM);
    const permanentBefore = await deadLettered('permanent');
    const accepted = await record('ok');
    const refused = await record('refuse-invalid');
    await expectEventually(async () => expect(await orm.em.fork().find(ThingSeen, { eventId: accepted })).toHaveLength(1), { timeoutMs: 5_000 });
    // The handler's DomainException reached the transport as it was (a permanent failure, dead-lettered at once): Nest's
    // default RPC filter would have logged it and put a bare "Internal server error" in its place.
    await expectEventually(async () => expect(await deadLettered('permanent')).toBe(permanentBefore + 1), { timeoutMs: 5_000 });
    expect(await orm.em.fork().find(ThingSeen, { eventId: refused })).toEqual([]);
    expect(enhancerCalls.filter((call) => !call.endsWith(':http'))).toEqual([]);
  });

  it('gives a handler the event’s own EntityManager where it injects one: what it writes there rolls back with the event', async () => {
    const orm = moduleRef.get(MikroORM);
    const permanentBefore = await deadLettered('permanent');
    const accepted = await record('ok');
    const refused = await record('fail-always');
    await expectEventually(async () => expect(await deadLettered('permanent')).toBe(permanentBefore + 1), { timeoutMs: 5_000 });
    expect(await orm.em.fork().find(ThingSeen, { eventId: accepted })).toHaveLength(1);
    expect(await orm.em.fork().find(ThingSeen, { eventId: refused })).toEqual([]);
  });
});
