import { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { ormOptions } from '../src/lib/orm-options';
import { pgArray } from '../src/lib/pg-array';

/** Through MikroORM's `execute`, as the services pass it: the text must come back element for element, whatever it holds. */
describe('pgArray (real PostgreSQL)', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  const roundTrip = async (values: readonly string[], type: 'text' | 'uuid') => {
    const rows = await orm.em
      .fork()
      .getConnection()
      .execute<{ value: string }[]>(`select value::text as value from unnest(?::${type}[]) with ordinality as a(value, n) order by n`, [pgArray(values)]);
    return rows.map((row) => row.value);
  };

  beforeAll(async () => {
    database = await createTestDatabase('pg_array');
    orm = await MikroORM.init(ormOptions({ service: 'pg_array_test', entities: [], migrations: [] }, { databaseUrl: database.url }));
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  it('gives back any text as it was sent', async () => {
    const awkward = ['a,b', '{braces}', 'say "hi"', 'back\\slash', '\\"', ' padded ', '', 'NULL', 'null', "it's", 'a?b', '$1', '東京都 千代田区', 'line\nbreak', 'tab\there'];
    expect(await roundTrip(awkward, 'text')).toEqual(awkward);
  });

  it('gives back uuids, and an empty list as no rows', async () => {
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    expect(await roundTrip(ids, 'uuid')).toEqual(ids);
    expect(await roundTrip([], 'uuid')).toEqual([]);
    expect(await roundTrip([], 'text')).toEqual([]);
  });
});
