import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createMigrationOnScratchDatabase } from '../src/lib/migrate';

@Entity({ tableName: 'memo' })
class Memo {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string' })
  text!: string;
}

async function scratchDatabases(prefix: string): Promise<string[]> {
  const client = new Client({ connectionString: process.env['DATABASE_URL'] });
  await client.connect();
  try {
    const result = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}_migration_%`]);
    return result.rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

describe('createMigrationOnScratchDatabase (the tools/create-migration.ts command)', () => {
  const service = { service: 'create_migration_test', entities: [Memo], migrations: [] };
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsunagu-migrations-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes what the entities add to the committed migrations, then drops its scratch database', async () => {
    const file = await createMigrationOnScratchDatabase(service, dir);
    expect(file).toBeDefined();
    expect(await readdir(dir)).toEqual([file]);
    const source = await readFile(join(dir, file as string), 'utf8');
    expect(source).toContain('create table "create_migration_test"."memo"');
    expect(await scratchDatabases(service.service)).toEqual([]);
  });

  it('needs the PostgreSQL server to work on', async () => {
    await expect(createMigrationOnScratchDatabase(service, dir, '')).rejects.toThrow('DATABASE_URL is required');
    expect(await readdir(dir)).toEqual([]);
  });
});
