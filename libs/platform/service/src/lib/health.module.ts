import { Global, Module } from '@nestjs/common';
import { DatabaseReadiness } from './database-readiness';
import { HealthController } from './health.controller';
import { ReadinessRegistry } from './readiness';

@Global()
@Module({ controllers: [HealthController], providers: [ReadinessRegistry, DatabaseReadiness], exports: [ReadinessRegistry] })
export class HealthModule {}
