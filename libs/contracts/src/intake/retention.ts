import { defineEvent, type JsonSchema } from '../lib/event-contract';
import type { CodeTable } from '../registry/codes';

/*
 * Retention and destruction (DOMAIN §5.3, issue 19): the city's 文書管理規程 periods per record type, legal holds that stop
 * destruction, and the event that tells the other services to erase their copies of a destroyed person.
 */

function codes<C extends string>(table: CodeTable<C>): { codes: readonly C[]; labels: CodeTable<C> } {
  return { codes: Object.keys(table) as C[], labels: table };
}

/**
 * Records intake keeps under a retention rule: the person, a consultation without a case, a case with its plans,
 * evaluations and notes, a meeting (支援会議・重層的支援会議 …) with its attendees' acknowledgements and 106条の6 material.
 */
const retentionRecordType = codes({ person: '対象者', consultation: '相談受付（ケースなし）', case: '多機関協働ケース', meeting: '会議の記録（支援会議等）' });
export const RETENTION_RECORD_TYPES = retentionRecordType.codes;
export type RetentionRecordType = (typeof RETENTION_RECORD_TYPES)[number];
export const RETENTION_RECORD_TYPE_LABELS = retentionRecordType.labels;

/** The event a retention period counts from. */
const retentionTrigger = codes({
  'last-activity': '最終の関与（相談受付・ケース終結）',
  'consultation-received': '相談受付日',
  'case-closed': 'ケース終結日',
  'meeting-held': '会議の開催日',
});
export const RETENTION_TRIGGERS = retentionTrigger.codes;
export type RetentionTrigger = (typeof RETENTION_TRIGGERS)[number];
export const RETENTION_TRIGGER_LABELS = retentionTrigger.labels;

/** erase: personal fields and free text are cleared, the coded row stays; delete: the rows are deleted. */
const retentionAction = codes({ erase: '個人情報の消去', delete: '記録の削除' });
export const RETENTION_ACTIONS = retentionAction.codes;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];
export const RETENTION_ACTION_LABELS = retentionAction.labels;

const legalHoldReason = codes({ litigation: '訴訟', audit: '監査', 'disclosure-request': '開示請求対応中', appeal: '審査請求・不服申立て', investigation: '調査・照会', other: 'その他' });
export const LEGAL_HOLD_REASONS = legalHoldReason.codes;
export type LegalHoldReason = (typeof LEGAL_HOLD_REASONS)[number];
export const LEGAL_HOLD_REASON_LABELS = legalHoldReason.labels;

const destructionBatchStatus = codes({ 'pending-approval': '承認待ち', approved: '廃棄済', rejected: '廃棄せず' });
export const DESTRUCTION_BATCH_STATUSES = destructionBatchStatus.codes;
export type DestructionBatchStatus = (typeof DESTRUCTION_BATCH_STATUSES)[number];
export const DESTRUCTION_BATCH_STATUS_LABELS = destructionBatchStatus.labels;

/**
 * destroyed: done; removed: taken out by the approver; held: a legal hold came between listing and approval; not-due: no
 * longer due at approval (the person came back, the period was lengthened).
 */
const destructionItemStatus = codes({ pending: '承認待ち', destroyed: '廃棄済', removed: '除外', held: '保留（リーガルホールド）', 'not-due': '期限未到来（承認時に再判定）' });
export const DESTRUCTION_ITEM_STATUSES = destructionItemStatus.codes;
export type DestructionItemStatus = (typeof DESTRUCTION_ITEM_STATUSES)[number];
export const DESTRUCTION_ITEM_STATUS_LABELS = destructionItemStatus.labels;

export const RETENTION_CODE_TABLES = {
  retentionRecordType: RETENTION_RECORD_TYPE_LABELS,
  retentionTrigger: RETENTION_TRIGGER_LABELS,
  retentionAction: RETENTION_ACTION_LABELS,
  legalHoldReason: LEGAL_HOLD_REASON_LABELS,
  destructionBatchStatus: DESTRUCTION_BATCH_STATUS_LABELS,
  destructionItemStatus: DESTRUCTION_ITEM_STATUS_LABELS,
} as const;

export interface PersonDestroyedEventData {
  personId: string;
  /** What the receivers do with their copies, as the rule said. */
  action: RetentionAction;
  ruleId: string;
  ruleVersion: number;
  batchId: string;
  /** Subject (staff id) of the supervisor who approved the batch. */
  approvedBy: string;
  destroyedAt: string;
}
const uuid = { type: 'string', format: 'uuid' } as const;
const personDestroyedSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    personId: uuid,
    action: { enum: [...RETENTION_ACTIONS] },
    ruleId: uuid,
    ruleVersion: { type: 'integer', minimum: 1 },
    batchId: uuid,
    approvedBy: { type: 'string', minLength: 1, maxLength: 200 },
    destroyedAt: { type: 'string', format: 'date-time' },
  },
  required: ['personId', 'action', 'ruleId', 'ruleVersion', 'batchId', 'approvedBy', 'destroyedAt'],
};
export const PersonDestroyed = defineEvent<PersonDestroyedEventData>({
  service: 'intake',
  aggregate: 'person',
  event: 'destroyed',
  summary:
    'A person past their retention period was destroyed in intake after a city supervisor approved the destruction batch (廃棄); outreach and matching erase their copies (free text, links) and log it. Reporting holds no person id (only pseudonymous keys) and keeps its counts. Ids and codes only.',
  schema: personDestroyedSchema,
});

/** The record types whose hold holds a person. */
const HELD_PERSON_RECORD_TYPES = ['person', 'consultation', 'case'] as const satisfies readonly RetentionRecordType[];
export type HeldPersonRecordType = (typeof HELD_PERSON_RECORD_TYPES)[number];

/**
 * A legal hold placed in intake, named by the person it holds (the person held, or the person of the consultation or
 * the key person of the case held): outreach keeps it and destroys none of the person's targets while it is in force.
 * Matching destroys nothing of its own accord (only on person.destroyed, which a hold stops). Ids and codes only.
 */
export interface LegalHoldPlacedEventData {
  holdId: string;
  /** What the hold was placed on in intake (a hold on a meeting holds the meeting only: not announced). */
  recordType: HeldPersonRecordType;
  recordId: string;
  personId: string;
  reason: LegalHoldReason;
  /** Last day of the hold (null: until released). */
  until: string | null;
  placedAt: string;
}
const legalHoldPlacedSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    holdId: uuid,
    recordType: { enum: [...HELD_PERSON_RECORD_TYPES] },
    recordId: uuid,
    personId: uuid,
    reason: { enum: [...LEGAL_HOLD_REASONS] },
    until: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
    placedAt: { type: 'string', format: 'date-time' },
  },
  required: ['holdId', 'recordType', 'recordId', 'personId', 'reason', 'until', 'placedAt'],
};
export const LegalHoldPlaced = defineEvent<LegalHoldPlacedEventData>({
  service: 'intake',
  aggregate: 'legal-hold',
  event: 'placed',
  summary:
    'A city supervisor or admin placed a legal hold (リーガルホールド: 訴訟, 監査 …) in intake on a person or one of their records; outreach keeps it and destroys none of that person’s targets while it is in force (matching destroys only on person.destroyed, which the hold stops). Ids and codes only.',
  schema: legalHoldPlacedSchema,
});

export interface LegalHoldReleasedEventData {
  holdId: string;
  releasedAt: string;
}
export const LegalHoldReleased = defineEvent<LegalHoldReleasedEventData>({
  service: 'intake',
  aggregate: 'legal-hold',
  event: 'released',
  summary: 'A legal hold placed in intake was released (解除): the services that keep it let the person’s records fall due again. Ids only.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { holdId: uuid, releasedAt: { type: 'string', format: 'date-time' } },
    required: ['holdId', 'releasedAt'],
  },
});
