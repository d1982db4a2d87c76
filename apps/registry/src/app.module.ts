import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, loadConfig } from '@tsunagu/platform-config';
import { HealthModule } from '@tsunagu/platform-http';
import { loggerParams } from '@tsunagu/platform-observability';
import { PersistenceModule } from '@tsunagu/platform-persistence';
import { registryVariables } from './config';
import { registryPersistence } from './persistence';

@Module({
  imports: [
    ConfigModule.forRoot(registryVariables),
    LoggerModule.forRoot(loggerParams('registry', loadConfig(registryVariables).LOG_LEVEL)),
    PersistenceModule.forService(registryPersistence),
    HealthModule,
  ],
})
export class AppModule {}
