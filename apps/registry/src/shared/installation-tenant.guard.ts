import { Injectable, type CanActivate } from '@nestjs/common';
import { InjectConfig, type PlatformConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';

/**
 * Stop-gap until libs/platform/auth lands: requests without a verified principal work on the
 * installation's own municipality (MUNICIPALITY). Once AuthModule authenticates every request this
 * guard finds the municipality already set and does nothing; then it is removed.
 */
@Injectable()
export class InstallationTenantGuard implements CanActivate {
  constructor(@InjectConfig() private readonly config: PlatformConfig) {}

  canActivate(): boolean {
    const state = TenantContext.current();
    if (state && !state.principal && !state.municipality) state.municipality = this.config.MUNICIPALITY;
    return true;
  }
}
