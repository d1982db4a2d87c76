import { MikroORM } from '@mikro-orm/postgresql';
import { TenantContext } from '@tsunagu/platform-context';
import { createTestDatabase, type TestDatabase } from '@tsunagu/platform-testing';
import { ormOptions } from '../src/lib/orm-options';

/** The session settings row-level security reads follow the TenantContext on pooled connections (ADR 0012). */
describe('tenant settings per pooled connection', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  const settings = async () =>
    (await orm.em.getConnection().execute(`select current_setting('app.municipality', true) as municipality, current_setting('app.system', true) as system`))[0];

  beforeAll(async () => {
    database = await createTestDatabase('persistence');
    // One connection: every query below reuses the session the previous one left.
    orm = await MikroORM.init(ormOptions({ service: 'tenant_settings', entities: [], migrations: [] }, { databaseUrl: database.applicationUrl, poolMax: 1 }));
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  it('sets the municipality of the request, system work, and nothing without a context', async () => {
    expect(await TenantContext.run({ requestId: 'r', municipality: '372013' }, settings)).toEqual({ municipality: '372013', system: '' });
    expect(await TenantContext.runAsSystem(undefined, settings)).toEqual({ municipality: '', system: 'on' });
    expect(await TenantContext.run({ requestId: 'r', municipality: '372021' }, settings)).toEqual({ municipality: '372021', system: '' });
    expect(await settings()).toEqual({ municipality: '', system: '' });
  });

  it('keeps the settings of a committed transaction and sets them again after a rollback undid them', async () => {
    await TenantContext.run({ requestId: 'r', municipality: '372013' }, settings);
    const knex = orm.em.getConnection().getKnex();
    // The change of tenant happens inside the transaction; the rollback undoes the session-level set_config.
    await TenantContext.run({ requestId: 'r', municipality: '372021' }, async () => {
      await knex
        .transaction(async (trx) => {
          expect((await trx.raw(`select current_setting('app.municipality', true) as m`)).rows[0].m).toBe('372021');
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(await settings()).toEqual({ municipality: '372021', system: '' });
    });
    await TenantContext.run({ requestId: 'r', municipality: '372021' }, () => orm.em.transactional(async (em) => em.getConnection().execute('select 1', [], 'all', em.getTransactionContext())));
    expect(await TenantContext.run({ requestId: 'r', municipality: '372021' }, settings)).toEqual({ municipality: '372021', system: '' });
  });
});
