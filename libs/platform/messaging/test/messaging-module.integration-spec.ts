import { Controller, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test, type TestingModule } from '@nestjs/testing';
import { MikroORM } from '@mikro-orm/core';
import type { CloudEvent } from '@tsunagu/contracts';
import { ConfigModule, platformVariables } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { HealthModule, ReadinessRegistry } from '@tsunagu/platform-service';
import { PersistenceModule } from '@tsunagu/platform-persistence';
import { expectEventually } from '@tsunagu/platform-testing';
import { register } from 'prom-client';
import { JetStreamServer, messagingEntities, MessagingModule, EventRecorder, type JetStreamContext } from '../src';
import { MUNICIPALITY, SCHEMA, startMessagingFixture, Thing, ThingHappened, ThingSeen, type MessagingFixture, type ThingHappenedData } from './messaging-fixture';

@Controller()
class ThingProjector {
  @EventPattern(ThingHappened.subject)
  project(@Payload() event: CloudEvent<ThingHappenedData>, @Ctx() ctx: JetStreamContext): void {
    ctx.em.persist(Object.assign(new ThingSeen(), { eventId: event.id, municipality: TenantContext.municipality() }));
  }
}

describe('MessagingModule wired like a service', () => {
  let fixture: MessagingFixture;
  let moduleRef: TestingModule;
  let microservice: INestMicroservice;

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
    }).compile();
    microservice = moduleRef.createNestMicroservice({ strategy: JetStreamServer.forApp(moduleRef) });
    microservice.useLogger(false);
    await microservice.listen();
  });

  afterAll(async () => {
    await microservice.close();
    await moduleRef.close();
    await fixture.close();
  });

  it('records, relays and consumes an event end to end, and reports readiness and metrics', async () => {
    const orm = moduleRef.get(MikroORM);
    const outbox = moduleRef.get(EventRecorder);
    let eventId = '';
    await TenantContext.run({ requestId: 'req-1', municipality: MUNICIPALITY }, () =>
      orm.em.fork().transactional(async (tx) => {
        const thing = new Thing();
        tx.persist(thing);
        eventId = outbox.record(tx, ThingHappened, thing.id, { thingId: thing.id, behaviour: 'ok' }).id;
      }),
    );
    await expectEventually(async () => expect(await orm.em.fork().find(ThingSeen, { eventId })).toHaveLength(1), { timeoutMs: 5_000 });

    const readiness = await moduleRef.get(ReadinessRegistry).evaluate();
    expect(readiness.checks['nats']).toEqual({ status: 'up', critical: false });
    const metrics = await register.metrics();
    expect(metrics).toContain(`tsunagu_outbox_lag_seconds{schema="${SCHEMA}"} 0`);
    // One durable per source service (ADR 0016).
    expect(metrics).toMatch(/tsunagu_consumer_pending_messages\{consumer="things__from__things",subject="tsunagu.evt.things.>"\} 0/);
    expect(metrics).toMatch(/tsunagu_outbox_published_total\{subject="tsunagu.evt.things.thing.happened"\} 1/);
  });
});
