import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TSUNAGU_CONFIG, type PlatformConfig } from '@tsunagu/platform-config';
import { AuthGuard } from './auth.guard';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier';

export interface AuthModuleOptions {
  /** Overrides the verifier settings otherwise read from OIDC_* variables (tests, special deployments). */
  verifier?: Partial<TokenVerifierOptions>;
}

@Global()
@Module({})
export class AuthModule {
  /**
   * Registers the global guard (bearer token + `@Roles`) and the token verifier, configured from
   * OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URI and OIDC_CLOCK_TOLERANCE_SECONDS.
   */
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        {
          provide: TokenVerifier,
          inject: [TSUNAGU_CONFIG],
          useFactory: (config: PlatformConfig) =>
            new TokenVerifier({
              issuer: config.OIDC_ISSUER,
              audience: config.OIDC_AUDIENCE,
              jwksUri: config.OIDC_JWKS_URI,
              clockToleranceSeconds: config.OIDC_CLOCK_TOLERANCE_SECONDS,
              ...options.verifier,
            }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
