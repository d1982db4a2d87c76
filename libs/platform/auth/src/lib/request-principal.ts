import type { Principal } from '@tsunagu/platform-context';

/** Where the guard leaves the verified principal on the raw request (read by the audit trail after the response). */
export const REQUEST_PRINCIPAL = Symbol.for('tsunagu.principal');

type WithPrincipal = { [REQUEST_PRINCIPAL]?: Principal };

export function setRequestPrincipal(request: object, principal: Principal): void {
  (request as WithPrincipal)[REQUEST_PRINCIPAL] = principal;
}

export function requestPrincipal(request: object): Principal | undefined {
  return (request as WithPrincipal)[REQUEST_PRINCIPAL];
}
