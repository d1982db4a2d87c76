import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TenantContext, type Role } from '@tsunagu/platform-context';
import { IS_PUBLIC } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { isCityStaff } from './desk-access';
import { CITY_STAFF_ONLY_METADATA, ROLES_METADATA } from './roles.decorator';
import { setRequestPrincipal } from './request-principal';
import { IssuerUnavailableError, TokenRejectedError, TokenVerifier } from './token-verifier';
import { loggableError } from '@tsunagu/platform-observability';

const BEARER = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/i;

/**
 * The global guard: every HTTP route needs a verified bearer token unless marked `@Public()`, then
 * the caller needs one of the route's `@Roles`. Anything unexpected denies (ASVS 16.5.3: no fail-open).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Message handlers are reached only through the broker's own credentials; their callers are
    // authorised by the messaging transport, not by bearer tokens.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
    if (!match) throw new DomainException(DomainErrorCode.Unauthenticated, 'A bearer access token is required');

    let principal;
    try {
      principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        throw new DomainException(DomainErrorCode.Unauthenticated, `The access token was rejected: ${error.message}`);
      }
      if (error instanceof IssuerUnavailableError) {
        this.logger.error({ reason: error.message }, 'security control failure: token keys unavailable, request denied');
        throw new DomainException(DomainErrorCode.UpstreamUnavailable, 'The identity provider cannot be reached to verify the token; try again later');
      }
      this.logger.error({ error: loggableError(error) }, 'security control failure: token verification failed unexpectedly, request denied');
      throw new DomainException(DomainErrorCode.Unauthenticated, 'The access token could not be verified');
    }
    setRequestPrincipal(request, principal);
    TenantContext.authenticate(principal);

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets);
    if (required && required.length > 0 && !required.some((role) => principal.roles.includes(role))) {
      throw new DomainException(DomainErrorCode.Forbidden, `This action requires one of the roles: ${required.join(', ')}`, {
        requiredRoles: required,
      });
    }
    if (this.reflector.getAllAndOverride<boolean>(CITY_STAFF_ONLY_METADATA, targets) && !isCityStaff(principal)) {
      throw new DomainException(DomainErrorCode.Forbidden, 'This setting applies to the whole municipality: only the city’s own staff may change it', { cityStaffOnly: true });
    }
    return true;
  }
}
