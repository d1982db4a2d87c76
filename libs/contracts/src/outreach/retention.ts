import { defineEvent, type JsonSchema } from '../lib/event-contract';
import { RETENTION_ACTIONS, type RetentionAction } from '../intake/retention';

/*
 * Outreach's own retention (DOMAIN §5.3, issue 19). A target may have no person (known only by place or household), so
 * intake's person-based destruction never reaches it: outreach keeps its own rule, legal holds, batches and log, with
 * intake's actions, hold reasons and batch/item statuses (contracts/intake/retention.ts).
 */

/** Records outreach keeps under a retention rule: the target with its contacts, watch plan, alerts and hand-overs. */
export const OUTREACH_RETENTION_RECORD_TYPE_LABELS = { 'outreach-target': 'アウトリーチ対象（接触記録を含む）' } as const;
export const OUTREACH_RETENTION_RECORD_TYPES = Object.keys(OUTREACH_RETENTION_RECORD_TYPE_LABELS) as (keyof typeof OUTREACH_RETENTION_RECORD_TYPE_LABELS)[];
export type OutreachRetentionRecordType = (typeof OUTREACH_RETENTION_RECORD_TYPES)[number];

/**
 * The event a target's period counts from: its last contact, or its discovery when never contacted, or its closing —
 * whichever is latest (a target closed after its last visit counts from the close).
 */
export const OUTREACH_RETENTION_TRIGGER_LABELS = { 'last-contact': '最終接触日（接触なしは発見日、終結済は終結日のうち遅い日）' } as const;
export const OUTREACH_RETENTION_TRIGGERS = Object.keys(OUTREACH_RETENTION_TRIGGER_LABELS) as (keyof typeof OUTREACH_RETENTION_TRIGGER_LABELS)[];
export type OutreachRetentionTrigger = (typeof OUTREACH_RETENTION_TRIGGERS)[number];

/** What outreach holds a record for: a target itself, or every target of an intake person. */
export const OUTREACH_LEGAL_HOLD_RECORD_TYPE_LABELS = { 'outreach-target': 'アウトリーチ対象', person: '対象者（その人のすべてのアウトリーチ対象）' } as const;
export const OUTREACH_LEGAL_HOLD_RECORD_TYPES = Object.keys(OUTREACH_LEGAL_HOLD_RECORD_TYPE_LABELS) as (keyof typeof OUTREACH_LEGAL_HOLD_RECORD_TYPE_LABELS)[];
export type OutreachLegalHoldRecordType = (typeof OUTREACH_LEGAL_HOLD_RECORD_TYPES)[number];

export const OUTREACH_RETENTION_CODE_TABLES = {
  outreachRetentionRecordType: OUTREACH_RETENTION_RECORD_TYPE_LABELS,
  outreachRetentionTrigger: OUTREACH_RETENTION_TRIGGER_LABELS,
  outreachLegalHoldRecordType: OUTREACH_LEGAL_HOLD_RECORD_TYPE_LABELS,
} as const;

export interface OutreachTargetDestroyedData {
  targetId: string;
  /** erase: the place, notes and companions' names cleared, the coded row kept; delete: the target and its records deleted. */
  action: RetentionAction;
  ruleId: string;
  ruleVersion: number;
  batchId: string;
  /** Subject (staff id) of the city supervisor who approved the batch. */
  approvedBy: string;
  destroyedAt: string;
}
const uuid = { type: 'string', format: 'uuid' } as const;
const targetDestroyedSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    targetId: uuid,
    action: { enum: [...RETENTION_ACTIONS] },
    ruleId: uuid,
    ruleVersion: { type: 'integer', minimum: 1 },
    batchId: uuid,
    approvedBy: { type: 'string', minLength: 1, maxLength: 200 },
    destroyedAt: { type: 'string', format: 'date-time' },
  },
  required: ['targetId', 'action', 'ruleId', 'ruleVersion', 'batchId', 'approvedBy', 'destroyedAt'],
};
export const OutreachTargetDestroyed = defineEvent<OutreachTargetDestroyedData>({
  service: 'outreach',
  aggregate: 'target',
  event: 'destroyed',
  summary:
    'A target past its retention period was destroyed in outreach (erased or deleted with its contacts) after a city supervisor approved the destruction batch (廃棄). Reporting keeps its counts: it holds the target id and codes only, and does not project this event. Ids and codes only.',
  schema: targetDestroyedSchema,
});
