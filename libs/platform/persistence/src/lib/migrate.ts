import { Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { TenantContext } from '@tsunagu/platform-context';
import { Client } from 'pg';
import { ormOptions, type OrmConnection, type ServicePersistence } from './orm-options';
import { applicationGrantsSql } from './row-level-security';

export interface MigrateOptions {
  /**
   * The application role (DATABASE_URL's user) to grant what the service needs after the migrations: usage on the
   * schema, DML on its tables, usage on its sequences (applicationGrantsSql). Unset when one role does everything.
   */
  applicationRole?: string;
}

/**
 * Creates the service's schema and applies its pending migrations as the connection's role (the owner), then grants
 * the application role its privileges. Runs as its own step (`npm run migrate`, the Helm pre-upgrade Job), never on
 * every replica's boot. System work: data migrations touch every municipality's rows under row-level security.
 */
export async function migrateService(service: ServicePersistence, connection: OrmConnection, options: MigrateOptions = {}): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions(service, connection));
  try {
    return await TenantContext.runAsSystem(undefined, async () => {
      await orm.em.getConnection().execute(`create schema if not exists "${service.service}"`);
      const applied = await orm.getMigrator().up();
      if (options.applicationRole) {
        for (const statement of applicationGrantsSql(service.service, options.applicationRole)) await orm.em.getConnection().execute(statement);
      }
      return applied.map((migration) => migration.name);
    }, 'migrate');
  } finally {
    await orm.close(true);
  }
}

/** The user name of a PostgreSQL URL (undefined when the URL leaves it to PGUSER). */
export function databaseUser(url: string): string | undefined {
  const user = decodeURIComponent(new URL(url).username);
  return user || undefined;
}

/**
 * How `migrate` connects: as the owner (DATABASE_MIGRATION_URL, else DATABASE_URL), granting DATABASE_URL's role
 * when that is another role.
 */
export function migrationConnection(config: { DATABASE_URL: string; DATABASE_MIGRATION_URL?: string }): { ownerUrl: string; applicationRole?: string } {
  const ownerUrl = config.DATABASE_MIGRATION_URL ?? config.DATABASE_URL;
  const owner = databaseUser(ownerUrl);
  const application = databaseUser(config.DATABASE_URL);
  return { ownerUrl, applicationRole: application && application !== owner ? application : undefined };
}

/** Writes a new migration with the diff between entities and the database (developer command). */
export async function createMigration(service: ServicePersistence, connection: OrmConnection, path: string): Promise<string | undefined> {
  const options = ormOptions(service, connection);
  const orm = await MikroORM.init({ ...options, migrations: { ...options.migrations, path, pathTs: path, emit: 'ts', snapshot: false } });
  try {
    await orm.em.getConnection().execute(`create schema if not exists "${service.service}"`);
    const result = await orm.getMigrator().createMigration(path, false, false);
    return result.diff.up.length > 0 ? result.fileName : undefined;
  } finally {
    await orm.close(true);
  }
}

/**
 * The `tools/create-migration.ts` developer command of every service: applies the committed migrations to a scratch
 * database on the PostgreSQL server of `serverUrl` (DATABASE_URL), writes a migration with what the entities add to them
 * into `migrationsDir`, and drops the scratch database. Returns the file written, or undefined when nothing changed.
 */
export async function createMigrationOnScratchDatabase(service: ServicePersistence, migrationsDir: string, serverUrl = process.env['DATABASE_URL']): Promise<string | undefined> {
  if (!serverUrl) throw new Error('DATABASE_URL is required');
  const name = `${service.service}_migration_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await migrateService(service, { databaseUrl: url.toString() });
    return await createMigration(service, { databaseUrl: url.toString() }, migrationsDir);
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

/** Demo data a service can load on `main.js migrate` with DEMO_DATA=true (local stack, never production). */
export interface DemoData {
  municipality: { lgCode: string; name: string };
  /** Loads the data once; returns false when it is already there. Runs as system work for the municipality. */
  load(em: EntityManager): Promise<boolean>;
}

/**
 * `main.js migrate` of every service: applies the migrations, then — when DEMO_DATA is set and not in
 * production — loads the service's demo data once. Run as its own step (local stack, Helm hook Job).
 */
export async function migrateCommand(
  service: ServicePersistence,
  config: { DATABASE_URL: string; DATABASE_MIGRATION_URL?: string; DEMO_DATA: boolean; NODE_ENV: string },
  demo?: DemoData,
): Promise<void> {
  const logger = new Logger(service.service);
  const { ownerUrl, applicationRole } = migrationConnection(config);
  if (!applicationRole) logger.warn('DATABASE_MIGRATION_URL is unset or names the same role as DATABASE_URL: the service will run as the owner of its tables, so row-level security is not in force (docs/operations/database-roles.md)');
  const applied = await migrateService(service, { databaseUrl: ownerUrl }, { applicationRole });
  logger.log(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date');
  if (applicationRole) logger.log(`granted ${applicationRole} its privileges on schema ${service.service}`);
  if (!demo || !config.DEMO_DATA) return;
  if (config.NODE_ENV === 'production') {
    logger.warn('DEMO_DATA is ignored in production');
    return;
  }
  // As the application role, like the service itself will write.
  const orm = await MikroORM.init(ormOptions(service, { databaseUrl: config.DATABASE_URL }));
  try {
    const loaded = await TenantContext.runAsSystem(demo.municipality.lgCode, () => demo.load(orm.em.fork()));
    logger.log(loaded ? `demo data loaded for ${demo.municipality.name} (${demo.municipality.lgCode})` : 'demo data already present');
  } finally {
    await orm.close(true);
  }
}
