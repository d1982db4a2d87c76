import { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '@tsunagu/platform-testing';
import { ormOptions } from '../src/lib/orm-options';

/**
 * DATABASE_URL's query reaches node-postgres: MikroORM alone keeps only host, port, user, password and database, so a
 * city's `?sslmode=verify-full` would silently connect without TLS. The test PostgreSQL has no TLS: a URL that demands
 * it must fail to connect, which shows the setting is read.
 */
describe('DATABASE_URL sslmode (real PostgreSQL without TLS)', () => {
  let database: TestDatabase;
  const connect = async (url: string) => {
    const orm = await MikroORM.init(ormOptions({ service: 'tls_test', entities: [], migrations: [] }, { databaseUrl: url }));
    try {
      return (await orm.em.getConnection().execute('select 1 as one'))[0];
    } finally {
      await orm.close(true);
    }
  };
  const withQuery = (query: string) => `${database.url}${database.url.includes('?') ? '&' : '?'}${query}`;

  beforeAll(async () => {
    database = await createTestDatabase('tls');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('connects with the URL as it is and with sslmode=disable', async () => {
    expect(await connect(database.url)).toEqual({ one: 1 });
    expect(await connect(withQuery('sslmode=disable'))).toEqual({ one: 1 });
  });

  it.each(['require', 'verify-full'])('refuses to talk to a server without TLS with sslmode=%s', async (mode) => {
    await expect(connect(withQuery(`sslmode=${mode}`))).rejects.toThrow(/does not support SSL/);
  });
});
