/*
 * Developer command: writes a migration with the diff between intake's entities and its committed
 * migrations, applied to a scratch database. Review it, then list it in src/migrations/index.ts.
 *   DATABASE_URL=postgres://… npx ts-node -r tsconfig-paths/register --project apps/intake/tsconfig.app.json apps/intake/tools/create-migration.ts
 */
import { createMigration, migrateService } from '@tsunagu/platform-persistence';
import { Client } from 'pg';
import { join } from 'node:path';
import { intakePersistence } from '../src/persistence';

async function main(): Promise<void> {
  const server = process.env['DATABASE_URL'];
  if (!server) throw new Error('DATABASE_URL is required');
  const name = `intake_migration_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    await migrateService(intakePersistence, { databaseUrl: url.toString() });
    const file = await createMigration(intakePersistence, { databaseUrl: url.toString() }, join(__dirname, '../src/migrations'));
    console.log(file ? `wrote ${file}` : 'no changes');
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

void main();
