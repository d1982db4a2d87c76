import { randomUUID } from 'node:crypto';

/** A client's request id is kept only when it is a short token of safe characters (it reaches logs and the audit trail). */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The request id of a request: the client's `x-request-id` when it is a safe token, a new UUID otherwise. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}
