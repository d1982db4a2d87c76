import { defineConfig, type Options, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor, EntityClass, MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { installTenantSettings } from './tenant-settings';

export interface ServicePersistence {
  /** Service name; also the PostgreSQL schema that holds every table of the service. */
  service: string;
  /** Entities listed explicitly: bundles cannot glob folders. */
  entities: EntityClass<unknown>[];
  /** Committed migrations, in order. */
  migrations: (MigrationObject | Constructor<Migration>)[];
}

export interface OrmConnection {
  databaseUrl: string;
  poolMax?: number;
  debug?: boolean;
}

/** One place that turns a service's persistence description into MikroORM options. */
export function ormOptions(service: ServicePersistence, connection: OrmConnection): Options {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: connection.databaseUrl,
    schema: service.service,
    entities: service.entities,
    extensions: [Migrator],
    migrations: {
      tableName: `${service.service}.mikro_orm_migrations`,
      migrationsList: service.migrations,
      transactional: true,
      silent: true,
      allOrNothing: true,
      snapshot: false,
    },
    pool: {
      min: 0,
      max: connection.poolMax ?? 10,
      // Every pooled connection carries the TenantContext's settings to the row-level security policies (ADR 0012).
      afterCreate: (raw: unknown, done: (error: Error | null, raw: unknown) => void) => {
        installTenantSettings(raw);
        done(null, raw);
      },
    },
    // MikroORM keeps only host, port, user, password and database of clientUrl: node-postgres gets the whole URL too,
    // so its query (`sslmode=verify-full`, `sslrootcert=…`) still decides TLS instead of being dropped.
    driverOptions: { connection: { connectionString: connection.databaseUrl } },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    ignoreUndefinedInQuery: true,
    discovery: { warnWhenNoEntities: false },
    debug: connection.debug ?? false,
  });
}
