import { defineRpc, type JsonSchema, type RpcContract } from './event-contract';

/*
 * 開示請求 (APPI 76条): intake, which answers the request, asks each service that keeps records about a person for
 * everything it holds on them. Request-reply, not events: the answer is personal data (an outreach contact's note, a
 * target's name before hand-over), which never goes on the event stream; a reply is not captured by any stream and
 * intake keeps nothing of it (the pack is built on each download).
 */

export interface SubjectRecordsRequest {
  /**
   * Deprecated and ignored: the request is answered for the caller's municipality, which RpcClient sends in the
   * `tsunagu-municipality` header from its TenantContext (ADR 0015) — never one named in the payload.
   */
  municipality?: string;
  /** Intake's person id. */
  personId: string;
}

/** One record the service holds about the person: its type (entity name), id, and its fields as stored. */
export interface SubjectRecord {
  type: string;
  id: string;
  /** The record's fields, JSON (dates as ISO 8601). Other persons' data is never in here: it is listed in `withheld`. */
  fields: Record<string, unknown>;
}

/** Why a record or a field is not disclosed (法78条 不開示情報 and the 106条の6 支援会議 confidentiality). */
export const WITHHOLDING_GROUNDS = ['third-party', 'support-meeting-106-6', 'article-78'] as const;
export type WithholdingGround = (typeof WITHHOLDING_GROUNDS)[number];
export const WITHHOLDING_GROUND_LABELS: Record<WithholdingGround, string> = {
  'third-party': '第三者の情報（法78条1項2号）',
  'support-meeting-106-6': '支援会議（社会福祉法106条の6）の情報',
  'article-78': '不開示情報（法78条）',
};

export interface WithheldItem {
  /** The record type the withheld data belongs to. */
  type: string;
  /** The record's id (or null when the whole item is only counted). */
  id: string | null;
  /** The field or part withheld, e.g. `members[1]`, `text`. */
  part: string;
  ground: WithholdingGround;
}

/** One line of a service's audit trail naming the person (who saw this person). */
export interface SubjectAccessEntry {
  occurredAt: string;
  actor: string;
  roles: string[];
  agency: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
}

export interface SubjectRecordsResponse {
  service: string;
  records: SubjectRecord[];
  withheld: WithheldItem[];
  accessLog: SubjectAccessEntry[];
  /** Lines of the access log left out beyond the limit (the auditor's export has them all). */
  accessLogOmitted: number;
}

const uuid = { type: 'string', format: 'uuid' } as const;
const nullableString: JsonSchema = {
  anyOf: [{ type: 'string' }, { type: 'null' }],
};

const request: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['personId'],
  properties: {
    municipality: { type: 'string', pattern: '^[0-9]{6}$' },
    personId: uuid,
  },
};

const response: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['service', 'records', 'withheld', 'accessLog', 'accessLogOmitted'],
  properties: {
    service: { type: 'string' },
    records: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'id', 'fields'],
        properties: {
          type: { type: 'string' },
          id: { type: 'string' },
          fields: { type: 'object' },
        },
      },
    },
    withheld: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'id', 'part', 'ground'],
        properties: {
          type: { type: 'string' },
          id: nullableString,
          part: { type: 'string' },
          ground: { enum: [...WITHHOLDING_GROUNDS] },
        },
      },
    },
    accessLog: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['occurredAt', 'actor', 'roles', 'agency', 'action', 'resourceType', 'resourceId', 'outcome'],
        properties: {
          occurredAt: { type: 'string' },
          actor: { type: 'string' },
          roles: { type: 'array', items: { type: 'string' } },
          agency: nullableString,
          action: { type: 'string' },
          resourceType: { type: 'string' },
          resourceId: nullableString,
          outcome: { type: 'string' },
        },
      },
    },
    accessLogOmitted: { type: 'integer', minimum: 0 },
  },
};

/** `tsunagu.rpc.<service>.subject-records.collect`: the same request and reply shape for every service asked. */
export function defineSubjectRecordsRpc(service: string): RpcContract<SubjectRecordsRequest, SubjectRecordsResponse> {
  return defineRpc<SubjectRecordsRequest, SubjectRecordsResponse>({
    service,
    operation: 'subject-records.collect',
    summary: `Everything ${service} holds about one person, for intake's 開示請求 pack (APPI 76条): records with their fields, what is withheld and why, and the person's access log. Personal data: reply only, never on a stream.`,
    request,
    response,
  });
}
