import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { TenantContext, type Principal } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { requestPrincipal } from './request-principal';

/** Injects the verified caller. Fails closed on a public route, where there is none. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = requestPrincipal(context.switchToHttp().getRequest<object>()) ?? TenantContext.principal();
  if (!principal) throw new DomainException(DomainErrorCode.Unauthenticated, 'This request is not authenticated');
  return principal;
});
