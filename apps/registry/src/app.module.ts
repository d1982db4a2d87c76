import { Module, type Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { REGISTRY_EVENTS, SearchResourcesRpc } from '@tsunagu/contracts';
import { AuditModule } from '@tsunagu/platform-audit';
import { AuthModule } from '@tsunagu/platform-auth';
import { MessagingModule } from '@tsunagu/platform-messaging';
import { ConfigModule, loadConfig } from '@tsunagu/platform-config';
import { HealthModule } from '@tsunagu/platform-service';
import { loggerParams } from '@tsunagu/platform-observability';
import { PersistenceModule } from '@tsunagu/platform-persistence';
import { registryVariables } from './config';
import { CoordinatorsModule } from './coordinators/coordinators.module';
import { CouncilsModule } from './councils/councils.module';
import { DistrictsModule } from './districts/districts.module';
import { HsdsModule } from './hsds/hsds.module';
import { MunicipalitiesModule } from './municipalities/municipalities.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { registryPersistence } from './persistence';
import { ResourcesModule } from './resources/resources.module';

/**
 * Builds the registry's root module from an environment. A function rather than a constant so tests
 * can boot the app against their own database (and a second municipality) without touching process.env.
 */
export function registryAppModule(env: Record<string, string | undefined> = process.env): Type<unknown> {
  const config = loadConfig(registryVariables, env);

  @Module({
    imports: [
      ConfigModule.forRoot(registryVariables, env),
      LoggerModule.forRoot(loggerParams('registry', config.LOG_LEVEL)),
      PersistenceModule.forService(registryPersistence),
      HealthModule,
      AuthModule.forRoot(),
      AuditModule.forService('registry'),
      MessagingModule.forService({ service: 'registry', events: REGISTRY_EVENTS, rpcs: [SearchResourcesRpc] }),
      MunicipalitiesModule,
      DistrictsModule,
      OrganizationsModule,
      ResourcesModule,
      CoordinatorsModule,
      CouncilsModule,
      HsdsModule,
    ],
  })
  class AppModule {}

  return AppModule;
}
