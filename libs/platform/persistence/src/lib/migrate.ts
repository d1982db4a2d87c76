import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions, type OrmConnection, type ServicePersistence } from './orm-options';

/**
 * Creates the service's schema and applies its pending migrations. Runs as its own step
 * (`npm run migrate`, the Helm pre-upgrade Job), never on every replica's boot.
 */
export async function migrateService(service: ServicePersistence, connection: OrmConnection): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions(service, connection));
  try {
    await orm.em.getConnection().execute(`create schema if not exists "${service.service}"`);
    const applied = await orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
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
