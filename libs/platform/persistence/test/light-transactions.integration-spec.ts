import { Entity, MikroORM, Property, type Knex } from '@mikro-orm/postgresql';
import { TenantContext } from '@tsunagu/platform-context';
import { createTestDatabase, type TestDatabase } from '@tsunagu/platform-testing';
import { installLightTransactions } from '../src/lib/light-transactions';
import { ormOptions } from '../src/lib/orm-options';
import { insertWithCommit } from '../src/lib/plain-insert';
import { TenantEntity, TenantScoped } from '../src/lib/tenant-entity';

@TenantScoped()
@Entity({ tableName: 'salon' })
class Salon extends TenantEntity {
  @Property({ type: 'string', length: 200 })
  name!: string;
}

const TAKAMATSU = '372013';
const SCHEMA = 'persistence_light_transactions_test';

describe('light transactions: a root transaction without a knex instance built for it (ADR 0029)', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  let knex: Knex;

  beforeAll(async () => {
    database = await createTestDatabase('persistence_light_transactions');
    orm = await MikroORM.init(ormOptions({ service: SCHEMA, entities: [Salon], migrations: [] }, { databaseUrl: database.url }));
    await orm.schema.createSchema();
    knex = orm.em.getConnection().getKnex();
    installLightTransactions(knex);
    installLightTransactions(knex); // idempotent
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  const inTakamatsu = <R>(work: () => Promise<R>) => TenantContext.run({ requestId: 'r', municipality: TAKAMATSU }, work);
  const names = async () =>
    ((await knex.raw(`select name from "${SCHEMA}"."salon" order by name`)) as { rows: { name: string }[] }).rows.map((row) => row.name);
  const salon = (name: string) => Object.assign(new Salon(), { name });

  afterEach(async () => {
    await knex.raw(`truncate "${SCHEMA}"."salon"`);
  });

  it("gives MikroORM's root transaction a transactor made from the pool's knex instance, not a new one", async () => {
    let transactor: Record<string, unknown> | undefined;
    await inTakamatsu(() =>
      orm.em.fork().transactional(async (em) => {
        transactor = em.getTransactionContext<Record<string, unknown>>();
        em.persist(salon('朝のサロン'));
      }),
    );
    expect(Object.getPrototypeOf(transactor)).toBe(knex);
    // knex's own transactor holds one closure per query method; this one holds none of them.
    expect(Object.prototype.hasOwnProperty.call(transactor, 'select')).toBe(false);
    expect(typeof (transactor as { select?: unknown }).select).toBe('function');
    expect(transactor?.['isTransaction']).toBe(true);
    expect(await names()).toEqual(['朝のサロン']);
  });

  it("leaves the pool's knex instance as it was: its client, its user params, its events", async () => {
    const client = knex.client;
    const listening = knex.listenerCount('query');
    const queries: string[] = [];
    const listener = (query: { sql: string }) => queries.push(query.sql);
    knex.on('query', listener);
    try {
      await knex.transaction(async (trx) => {
        await trx.raw('select 1');
        trx.on('query', () => undefined);
      });
    } finally {
      knex.removeListener('query', listener);
    }
    expect(knex.client).toBe(client);
    expect(knex.client.transacting).toBeFalsy();
    expect(knex.userParams).toEqual({});
    // The pool's client still hears of the transaction's queries, as with knex's transactor.
    expect(queries).toEqual(expect.arrayContaining(['select 1']));
    // The listener added on the transactor went to the transactor's own events, not to the pool's instance.
    expect(knex.listenerCount('query')).toBe(listening);
  });

  it('runs every statement of the transaction on its own connection, and commits them together', async () => {
    await knex.transaction(async (trx) => {
      const [first, second] = [await trx.raw('select txid_current() as id'), await trx.queryBuilder().select(trx.raw('txid_current() as id'))];
      expect((second as { id: string }[])[0].id).toBe((first as { rows: { id: string }[] }).rows[0].id);
      await trx.raw(`insert into "${SCHEMA}"."salon" (id, municipality, name) values (gen_random_uuid(), ?, 'キッチンで会う')`, [TAKAMATSU]);
      // Outside the transaction the row is not there yet.
      expect(await names()).toEqual([]);
    });
    expect(await names()).toEqual(['キッチンで会う']);
  });

  it('rolls back on a failure, sends nothing queued for the COMMIT, and refuses a statement after the end', async () => {
    let transactor: Knex.Transaction | undefined;
    await expect(
      inTakamatsu(() =>
        orm.em.fork().transactional(async (em) => {
          transactor = em.getTransactionContext<Knex.Transaction>();
          await insertWithCommit(em, salon('取り消されるサロン'));
          em.persist(salon('これも取り消し'));
          await em.flush();
          throw new Error('the use case refused');
        }),
      ),
    ).rejects.toThrow('the use case refused');
    expect(await names()).toEqual([]);
    await expect(transactor?.raw('select 1')).rejects.toThrow('Transaction query already complete');
  });

  it('takes a nested transaction as a savepoint: its rollback keeps the outer work', async () => {
    await inTakamatsu(() =>
      orm.em.fork().transactional(async (em) => {
        await insertWithCommit(em, salon('外のサロン'));
        em.persist(salon('外の flush'));
        await em.flush();
        await expect(
          em.transactional(async (inner) => {
            inner.persist(salon('内のサロン'));
            await inner.flush();
            throw new Error('inner refused');
          }),
        ).rejects.toThrow('inner refused');
        await em.transactional(async (inner) => {
          inner.persist(salon('内の二つ目'));
        });
      }),
    );
    expect((await names()).sort()).toEqual(['内の二つ目', '外の flush', '外のサロン'].sort());
  });

  it('answers a failing COMMIT with its error and returns the connection clean', async () => {
    await inTakamatsu(() => orm.em.fork().transactional(async (em) => insertWithCommit(em, Object.assign(salon('一つ目'), { id: '01950000-0000-7000-8000-000000000001' }))));
    await expect(
      inTakamatsu(() => orm.em.fork().transactional(async (em) => insertWithCommit(em, Object.assign(salon('同じ id'), { id: '01950000-0000-7000-8000-000000000001' })))),
    ).rejects.toThrow(/duplicate key/);
    // Every pooled connection still works and none is left inside a transaction.
    const states = await Promise.all(Array.from({ length: 12 }, () => knex.raw('select 1 as ok')));
    expect(states.every((state) => (state as { rows: { ok: number }[] }).rows[0].ok === 1)).toBe(true);
    expect(await names()).toEqual(['一つ目']);
  });
});
