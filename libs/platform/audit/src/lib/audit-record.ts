import { createHash } from 'node:crypto';

/** What was done to the resource. Reads are audited as much as writes (ASVS 16.3, APPI incident answers). */
export const AUDIT_ACTIONS = ['read', 'list', 'create', 'update', 'transition', 'delete', 'export', 'import', 'verify', 'search', 'checkpoint', 'emergency-access'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'denied', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** `prev_hash` of the first record of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** One audit fact as services hand it over: identifiers and codes only, never personal data. */
export interface AuditEntry {
  action: AuditAction;
  resourceType: string;
  /** Null for lists and searches. */
  resourceId?: string | null;
  outcome: AuditOutcome;
  httpStatus?: number | null;
  /** Subject of the caller; defaults to the principal of the current request. */
  actor?: string | null;
  roles?: readonly string[];
  agency?: string | null;
  municipality?: string | null;
  client?: boolean;
  requestId?: string | null;
  traceId?: string | null;
  occurredAt?: Date;
}

/** A stored audit record as the auditor API returns it. */
export interface AuditRecord {
  seq: number;
  id: string;
  occurredAt: string;
  actor: string | null;
  roles: string[];
  agency: string | null;
  municipality: string | null;
  client: boolean;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  httpStatus: number | null;
  requestId: string | null;
  traceId: string | null;
  prevHash: string;
  hash: string;
}

export type HashedFields = Omit<AuditRecord, 'prevHash' | 'hash'>;

/** JSON with object keys sorted at every level, so the same fields always hash the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * hash = sha256(prev_hash ‖ canonical JSON of every other field). `seq` is a string in the JSON so
 * 64-bit sequence numbers never lose precision in other verifiers.
 */
export function auditHash(prevHash: string, fields: HashedFields): string {
  const { seq, ...rest } = fields;
  return createHash('sha256')
    .update(prevHash + canonicalJson({ ...rest, seq: String(seq) }))
    .digest('hex');
}
