import { TenantContext } from '@tsunagu/platform-context';
import type { AuditFacts } from './audit.service';

/**
 * The audit record a write request owes, from the moment its handler starts until it is written — by the
 * transaction hook with the change (`inserting` until that transaction commits), or in onSend when the handler
 * failed or changed nothing through a transaction. Kept per request context (AsyncLocalStorage state) so the ORM's
 * transaction hook, running deep inside a use case, finds it without anything being passed down.
 */
export interface PendingAudit {
  /** Everything but what the change itself tells: the created id and the subjects. */
  facts: AuditFacts;
  /** Created id found in the flushed change sets (an entity of the route's resource type). */
  createdId?: string;
  subjectIds: Set<string>;
  /** The transaction that carries the record until it commits. */
  inserting?: unknown;
  written: boolean;
}

const pendingByContext = new WeakMap<object, PendingAudit>();
/** Subject ids declared by use cases of requests that write nothing through the hook (reads, lists). */
const subjectsByContext = new WeakMap<object, Set<string>>();

export function openPendingAudit(pending: PendingAudit): void {
  const state = TenantContext.current();
  if (state) pendingByContext.set(state, pending);
}

export function currentPendingAudit(): PendingAudit | undefined {
  const state = TenantContext.current();
  return state ? pendingByContext.get(state) : undefined;
}

/**
 * Adds persons or households to the audit record of the current request ("who saw this person"), for use cases
 * that know whose data they exposed better than the route's `subjects` option can tell from the returned value.
 */
export function recordAuditSubjects(ids: Iterable<string | null | undefined>): void {
  const state = TenantContext.current();
  if (!state) return;
  const pending = pendingByContext.get(state);
  let target = pending?.subjectIds ?? subjectsByContext.get(state);
  if (!target) {
    target = new Set<string>();
    subjectsByContext.set(state, target);
  }
  for (const id of ids) if (typeof id === 'string' && id.length > 0) target.add(id);
}

/** Subject ids declared with `recordAuditSubjects` outside a pending write, for the request context `state`. */
export function declaredAuditSubjects(state: object | undefined = TenantContext.current()): string[] {
  return state ? [...(subjectsByContext.get(state) ?? [])] : [];
}
