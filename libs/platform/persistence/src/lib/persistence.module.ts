import { DynamicModule, Module } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { TSUNAGU_CONFIG, type PlatformConfig } from '@tsunagu/platform-config';
import { DatabaseRoleCheck, SERVICE_PERSISTENCE } from './database-role.check';
import { installLightTransactions } from './light-transactions';
import { ormOptions, type ServicePersistence } from './orm-options';

/** The provider that gives the pool's root transactions a light transactor at start (ADR 0029); nothing injects it. */
const LIGHT_TRANSACTIONS = Symbol('LIGHT_TRANSACTIONS');

export { SERVICE_PERSISTENCE };

@Module({})
export class PersistenceModule {
  /** MikroORM on the service's own PostgreSQL schema, configured from the validated environment. */
  static forService(service: ServicePersistence): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        MikroOrmModule.forRootAsync({
          driver: PostgreSqlDriver,
          inject: [TSUNAGU_CONFIG],
          useFactory: (config: PlatformConfig) =>
            ormOptions(service, { databaseUrl: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX }),
        }),
        MikroOrmModule.forFeature(service.entities),
      ],
      providers: [
        { provide: SERVICE_PERSISTENCE, useValue: service },
        DatabaseRoleCheck,
        {
          provide: LIGHT_TRANSACTIONS,
          inject: [MikroORM],
          useFactory: (orm: MikroORM) => {
            installLightTransactions((orm.em.getConnection() as unknown as { getKnex(): unknown }).getKnex());
            return true;
          },
        },
      ],
      exports: [MikroOrmModule, SERVICE_PERSISTENCE, DatabaseRoleCheck],
    };
  }
}
