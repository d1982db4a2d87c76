import { DynamicModule, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { TSUNAGU_CONFIG, type PlatformConfig } from '@tsunagu/platform-config';
import { DatabaseRoleCheck, SERVICE_PERSISTENCE } from './database-role.check';
import { ormOptions, type ServicePersistence } from './orm-options';

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
      providers: [{ provide: SERVICE_PERSISTENCE, useValue: service }, DatabaseRoleCheck],
      exports: [MikroOrmModule, SERVICE_PERSISTENCE, DatabaseRoleCheck],
    };
  }
}
