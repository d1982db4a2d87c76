import { defineEvent, type EventContract, type JsonSchema } from '../lib/event-contract';

/*
 * Events reporting publishes (issue 17): a 年度 report closed (確定) or reopened for correction. Ids, the 年度,
 * the revision and codes only — never the figures (they are aggregates, but the closed snapshot is reporting's
 * record) and never the reopening note (free text stays in reporting).
 */

const SERVICE = 'reporting';
const uuid = { type: 'string', format: 'uuid' } as const;

export const REOPEN_REASONS = ['late-records', 'correction', 'definition-change', 're-signed', 'other'] as const;
export type ReopenReason = (typeof REOPEN_REASONS)[number];
export const REOPEN_REASON_LABELS: Record<ReopenReason, string> = {
  'late-records': '遅れて入力された記録の反映',
  correction: '記録の訂正',
  'definition-change': '集計定義の変更',
  're-signed': '署名鍵の更新',
  other: 'その他',
};

function object(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', additionalProperties: false, properties, required: Object.keys(properties) };
}

export interface ReportFinalisedData {
  closureId: string;
  fiscalYear: number;
  /** 1 for the first closing of the 年度, n+1 after each reopening. */
  revision: number;
  /** The closing this one replaces (差替), null for the first. */
  supersedesClosureId: string | null;
  /** HMAC-SHA256 (base64url) of the frozen figures under REPORTING_SNAPSHOT_KEY. */
  signature: string;
}
export const ReportFinalised = defineEvent<ReportFinalisedData>({
  service: SERVICE,
  aggregate: 'report',
  event: 'finalised',
  summary: 'A supervisor closed a 年度 report (確定): its figures are frozen as a signed snapshot; events arriving later for the 年度 no longer change them.',
  schema: object({
    closureId: uuid,
    fiscalYear: { type: 'integer', minimum: 2000, maximum: 2200 },
    revision: { type: 'integer', minimum: 1 },
    supersedesClosureId: { anyOf: [uuid, { type: 'null' }] },
    signature: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
  }),
});

export interface ReportReopenedData {
  closureId: string;
  fiscalYear: number;
  revision: number;
  reasonCode: ReopenReason;
}
export const ReportReopened = defineEvent<ReportReopenedData>({
  service: SERVICE,
  aggregate: 'report',
  event: 'reopened',
  summary: 'A closed 年度 report was reopened for correction, with a reason code; the closed version is kept beside the next one.',
  schema: object({
    closureId: uuid,
    fiscalYear: { type: 'integer', minimum: 2000, maximum: 2200 },
    revision: { type: 'integer', minimum: 1 },
    reasonCode: { enum: [...REOPEN_REASONS] },
  }),
});

export const REPORTING_EVENTS: readonly EventContract[] = [ReportFinalised, ReportReopened];
