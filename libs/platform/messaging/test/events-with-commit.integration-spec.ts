import type { EntityManager } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { enableEventsWithCommit, EventRecorder, EVENTS_WITH_COMMIT_LIMIT, OutboxEvent } from '../src';
import { MUNICIPALITY, SCHEMA, startMessagingFixture, Thing, ThingHappened, type MessagingFixture } from './messaging-fixture';

/** A root transaction's events ride with its COMMIT (ADR 0018, issue 14), never apart from the change they describe. */
describe('events sent with the COMMIT', () => {
  let fixture: MessagingFixture;
  const recorder = new EventRecorder();
  const asMunicipality = <T>(work: () => T): T => TenantContext.run({ requestId: 'events-with-commit', municipality: MUNICIPALITY }, work);
  /** What the transaction itself sees of an event's outbox row. */
  const seenInside = async (em: EntityManager, id: string): Promise<number> =>
    (await em.getConnection().execute(`select count(*)::int as n from "${SCHEMA}".outbox_event where id = ?`, [id], 'all', em.getTransactionContext()))[0].n as number;
  const stored = async (ids: readonly string[]) => fixture.orm.em.fork().find(OutboxEvent, { id: { $in: [...ids] } }, { orderBy: { id: 'asc' } });

  beforeAll(async () => {
    fixture = await startMessagingFixture();
    enableEventsWithCommit(fixture.orm);
  });
  afterAll(async () => {
    await fixture.close();
  });

  it('writes the event with the commit, not in the flush, with every field the unit of work wrote', async () => {
    const thing = new Thing();
    let id = '';
    let insideAfterFlush = -1;
    await fixture.orm.em.fork().transactional(async (tx) => {
      tx.persist(thing);
      id = asMunicipality(() => recorder.record(tx, ThingHappened, thing.id, { thingId: thing.id, behaviour: 'ok' })).id;
      await tx.flush();
      insideAfterFlush = await seenInside(tx, id);
    });
    expect(insideAfterFlush).toBe(0);
    const [row] = await stored([id]);
    expect(row).toMatchObject({ id, type: ThingHappened.type, source: ThingHappened.source, subject: ThingHappened.subject, aggregateId: thing.id, municipality: MUNICIPALITY, data: { thingId: thing.id, behaviour: 'ok' }, attempts: 0, publishedAt: null });
    expect(row.nextAttemptAt).toBeInstanceOf(Date);
  });

  it('writes nothing when the transaction rolls back', async () => {
    let id = '';
    await fixture.orm.em
      .fork()
      .transactional(async (tx) => {
        const thing = new Thing();
        tx.persist(thing);
        id = asMunicipality(() => recorder.record(tx, ThingHappened, thing.id, { thingId: thing.id, behaviour: 'ok' })).id;
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await stored([id])).toEqual([]);
  });

  it('leaves an event of a savepoint to the unit of work (a rollback to it must take the event too)', async () => {
    let kept = '';
    let dropped = '';
    await fixture.orm.em.fork().transactional(async (tx) => {
      await tx.transactional(async (inner) => {
        kept = asMunicipality(() => recorder.record(inner, ThingHappened, new Thing().id, { thingId: new Thing().id, behaviour: 'ok' })).id;
      });
      await tx
        .transactional(async (inner) => {
          dropped = asMunicipality(() => recorder.record(inner, ThingHappened, new Thing().id, { thingId: new Thing().id, behaviour: 'ok' })).id;
          await inner.flush();
          throw new Error('roll back to the savepoint');
        })
        .catch(() => undefined);
    });
    expect((await stored([kept, dropped])).map((row) => row.id)).toEqual([kept]);
  });

  it(`sends the first ${EVENTS_WITH_COMMIT_LIMIT} with the commit and the rest through the unit of work, all committed`, async () => {
    const ids: string[] = [];
    await fixture.orm.em.fork().transactional(async (tx) => {
      for (let n = 0; n < EVENTS_WITH_COMMIT_LIMIT + 5; n += 1) {
        const thing = new Thing();
        tx.persist(thing);
        ids.push(asMunicipality(() => recorder.record(tx, ThingHappened, thing.id, { thingId: thing.id, behaviour: 'ok' })).id);
      }
    });
    expect((await stored(ids)).map((row) => row.id)).toEqual([...ids].sort());
  });
});
