/*
 * Developer command: writes a migration with the diff between matching's entities and its committed
 * migrations, applied to a scratch database. Review it, then list it in src/migrations/index.ts.
 *   DATABASE_URL=postgres://… npx ts-node -r tsconfig-paths/register --project apps/matching/tsconfig.app.json apps/matching/tools/create-migration.ts
 */
import { createMigration, migrateService } from '@tsunagu/platform-persistence';
import { Client } from 'pg';
import { join } from 'node:path';
import { matchingPersistence } from '../src/persistence';

async function main(): Promise<void> {
  const server = process.env['DATABASE_URL'];
  if (!server) throw new Error('DATABASE_URL is required');
  const name = `matching_migration_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    await migrateService(matchingPersistence, { databaseUrl: url.toString() });
    const file = await createMigration(matchingPersistence, { databaseUrl: url.toString() }, join(__dirname, '../src/migrations'));
    console.log(file ? `wrote ${file}` : 'no changes');
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

void main();
