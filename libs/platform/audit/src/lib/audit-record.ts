import { createHash } from 'node:crypto';

/** What was done to the resource. Reads are audited as much as writes (ASVS 16.3, APPI incident answers). */
export const AUDIT_ACTIONS = [
  'read',
  'list',
  'create',
  'update',
  'transition',
  'delete',
  'export',
  'import',
  'verify',
  'search',
  'checkpoint',
  'emergency-access',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Actions that change nothing: their record is written when the response is sent; every other action's record is written in the business transaction. */
export const AUDIT_READ_ACTIONS: readonly AuditAction[] = ['read', 'list', 'search', 'export', 'verify'];

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
  /** Persons and households whose data the request read, listed or changed ("who saw this person"). */
  subjectIds?: readonly string[];
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

/**
 * Sequence numbers the sealer passed over before linking the record that carries this note: `explained` when it
 * watched them settle while the next record was still younger than the unsealed bound (a rolled-back transaction),
 * not explained when it first saw them later than that (records may have been deleted before they were sealed).
 */
export interface SealGap {
  from: string;
  to: string;
  explained: boolean;
}

/** A stored audit record as the auditor API returns it. Chain fields are null until the sealer links it. */
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
  subjectIds: string[];
  outcome: string;
  httpStatus: number | null;
  requestId: string | null;
  traceId: string | null;
  gap: SealGap | null;
  /** Position in the hash chain (dense from 1); null while unsealed. */
  chainPos: number | null;
  prevHash: string | null;
  hash: string | null;
  sealedAt: string | null;
}

/** What the hash covers: every field but the chain's own (position, links, sealing time). */
export type HashedFields = Omit<AuditRecord, 'prevHash' | 'hash' | 'chainPos' | 'sealedAt' | 'subjectIds' | 'gap'> & {
  subjectIds?: readonly string[];
  gap?: SealGap | null;
};

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
 * 64-bit sequence numbers never lose precision in other verifiers. `subjectIds` (sorted) and `gap` appear only
 * when present, so records written before they existed keep their hashes.
 */
export function auditHash(prevHash: string, fields: HashedFields): string {
  const { seq, subjectIds, gap, ...rest } = fields;
  return createHash('sha256')
    .update(
      prevHash +
        canonicalJson({ ...rest, seq: String(seq), ...(subjectIds && subjectIds.length > 0 ? { subjectIds: [...subjectIds].sort() } : {}), ...(gap ? { gap } : {}) }),
    )
    .digest('hex');
}

/** Sorted, distinct, non-empty ids: how subject ids are stored and hashed. */
export function normaliseSubjectIds(ids: Iterable<string | null | undefined>): string[] {
  const distinct = new Set<string>();
  for (const id of ids) if (typeof id === 'string' && id.length > 0 && id.length <= 128) distinct.add(id);
  return [...distinct].sort();
}
