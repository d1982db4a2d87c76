import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from './principal';

/**
 * What the platform knows about the work in progress: an HTTP request, a message being handled,
 * or a system task (migrations, demo data, the outbox relay). Kept in AsyncLocalStorage so the
 * tenant filter, audit trail and logs read the same facts without passing them around.
 */
export interface RequestContextState {
  requestId: string;
  principal?: Principal;
  /** Municipality whose rows this work may touch. */
  municipality?: string;
  /** System work may cross municipalities (e.g. the outbox relay); never set for user requests. */
  system?: boolean;
}

const storage = new AsyncLocalStorage<RequestContextState>();

export class TenantContextMissingError extends Error {
  constructor() {
    super('No municipality in the current context: run tenant work inside a request or TenantContext.run');
  }
}

export const TenantContext = {
  run<T>(state: RequestContextState, fn: () => T): T {
    return storage.run(state, fn);
  },
  /** Runs `fn` as system work for one municipality (demo data, imports started by operators). */
  runAsSystem<T>(municipality: string | undefined, fn: () => T, requestId = 'system'): T {
    return storage.run({ requestId, municipality, system: true }, fn);
  },
  current(): RequestContextState | undefined {
    return storage.getStore();
  },
  /** Sets the principal and municipality on the current context once the token is verified. */
  authenticate(principal: Principal): void {
    const state = storage.getStore();
    if (!state) throw new Error('authenticate() called outside a request context');
    state.principal = principal;
    state.municipality = principal.municipality;
  },
  municipality(): string | undefined {
    return storage.getStore()?.municipality;
  },
  requireMunicipality(): string {
    const municipality = storage.getStore()?.municipality;
    if (!municipality) throw new TenantContextMissingError();
    return municipality;
  },
  principal(): Principal | undefined {
    return storage.getStore()?.principal;
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  isSystem(): boolean {
    return storage.getStore()?.system === true;
  },
};
