import { ArrayType, Entity, Index, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import type { Article78Ground, IdentityVerification, RequestDecision, RequestKind, RequestStatus, RequesterRelation } from './request-codes';

/** One step of a request's history: who did what, when; a correction keeps the person's fields before and after. */
export interface RequestHistoryEntry {
  at: string;
  by: string;
  action: 'received' | 'extended' | 'decided' | 'completed' | 'applied' | 'lifted';
  status: RequestStatus;
  /** For an applied correction: the fields as they were and as they became (intake's schema only, never an event). */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/**
 * 保有個人情報の開示・訂正・利用停止請求 (APPI 76条・90条・98条) about one person, as the city's privacy officer records,
 * decides and completes it. Personal data (the reason, the requested correction, before/after) stays in intake's schema;
 * the events of the person it changes carry ids and codes as any other update does.
 */
@Entity({ tableName: 'data_subject_request' })
@TenantScoped()
@Unique({ properties: ['municipality', 'requestNo'] })
@Index({ properties: ['municipality', 'personId'] })
@Index({ properties: ['municipality', 'status', 'dueOn'] })
export class DataSubjectRequest extends TenantEntity {
  @Property({ type: 'string', length: 20 })
  kind!: RequestKind;

  /** D-2026-0001: 開示 D, 訂正 C, 利用停止 S, the 年度 and a number per municipality, kind and 年度. */
  @Property({ type: 'string', length: 20 })
  requestNo!: string;

  @Property({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'datetime' })
  requestedAt!: Date;

  @Property({ type: 'string', length: 30 })
  requesterRelation!: RequesterRelation;

  @Property({ type: 'string', length: 30 })
  identityVerification!: IdentityVerification;

  /** 受付者 (staff subject). */
  @Property({ type: 'string', length: 200 })
  receivedBy!: string;

  /** 決定期限: the request day + 15 days (条例). */
  @Property({ type: 'date' })
  dueOn!: string;

  /** 延長後の期限 (+30 days, once), with its reason. */
  @Property({ type: 'date', nullable: true })
  extendedDueOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  extensionReason: string | null = null;

  @Property({ type: 'string', length: 20 })
  status: RequestStatus = 'received';

  @Property({ type: 'string', length: 20, nullable: true })
  decision: RequestDecision | null = null;

  @Property({ type: 'text', nullable: true })
  decisionReason: string | null = null;

  /** 不開示情報 named in the decision (法78条1項). */
  @Property({
    type: ArrayType,
    columnType: 'text[]',
    fieldName: 'article78_grounds',
  })
  article78Grounds: Article78Ground[] = [];

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  decidedBy: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  completedBy: string | null = null;

  /** 利用停止 lifted (解除): the stop is no longer in force from then on. */
  @Property({ type: 'datetime', nullable: true })
  liftedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  liftedBy: string | null = null;

  /** 訂正請求: the corrections asked for (field → new value); 利用停止請求: `{ scope }`. */
  @Property({ type: 'json' })
  details: Record<string, unknown> = {};

  /** Free text of the request (趣旨), as the requester wrote it. */
  @Property({ type: 'text', nullable: true })
  requestText: string | null = null;

  @Property({ type: 'json' })
  history: RequestHistoryEntry[] = [];
}
