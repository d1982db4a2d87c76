import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { InstallationTenantGuard } from './installation-tenant.guard';
import { RegistryEvents } from './registry-events';

/** What every registry context uses: the event recorder and (until auth lands) the tenant fallback. */
@Global()
@Module({
  providers: [RegistryEvents, { provide: APP_GUARD, useClass: InstallationTenantGuard }],
  exports: [RegistryEvents],
})
export class RegistrySharedModule {}
