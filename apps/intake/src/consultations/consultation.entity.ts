import { ArrayType, Entity, Index, Property, Unique } from '@mikro-orm/core';
import type {
  ConsultantRelation,
  ConsultationCategory,
  ConsultationConsentStatus,
  ConsultationRoute,
  ConsultationStatus,
  Disposition,
  IssueTag,
  JigyoAttribution,
  Urgency,
} from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/** 相談受付 (DOMAIN §7.1). The subject may be a person, a household, or neither yet (minimal identity). */
@Entity({ tableName: 'consultation' })
@TenantScoped()
@Unique({ properties: ['municipality', 'receivingOrganizationId', 'fiscalYear', 'receptionSeq'] })
@Unique({ name: 'consultation_municipality_reception_no_unique', properties: ['municipality', 'receptionNo'] })
@Index({ properties: ['municipality', 'status', 'receivedAt'] })
@Index({ properties: ['municipality', 'personId'] })
@Index({ name: 'consultation_person_receiving_idx', properties: ['personId', 'receivingOrganizationId'] })
@Index({ name: 'consultation_search_text_trgm', expression: 'create index "consultation_search_text_trgm" on "intake"."consultation" using gin ("search_text" gin_trgm_ops)' })
export class Consultation extends TenantEntity {
  /** e.g. R7-003-000123: 年度, the receiving desk's number, and its sequence in the 年度 without gaps (reception-number.ts). */
  @Property({ type: 'string', length: 20 })
  receptionNo!: string;

  @Property({ type: 'integer' })
  receptionSeq!: number;

  /** 年度 (April–March) of receivedAt in Japan time. */
  @Property({ type: 'integer' })
  fiscalYear!: number;

  @Property({ type: 'datetime' })
  receivedAt!: Date;

  @Property({ type: 'uuid' })
  receivingOrganizationId!: string;

  /** Subject of the staff member who received it. */
  @Property({ type: 'string', length: 200 })
  receiverStaff!: string;

  @Property({ type: 'string', length: 30 })
  route!: ConsultationRoute;

  @Property({ type: 'uuid', nullable: true })
  referrerOrganizationId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  householdId: string | null = null;

  @Property({ type: 'string', length: 20 })
  consultantRelation!: ConsultantRelation;

  /** 続柄 when a family member consulted (e.g. 長女). */
  @Property({ type: 'string', length: 50, nullable: true })
  consultantRelationDetail: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  categories: ConsultationCategory[] = [];

  @Property({ type: 'string', length: 40 })
  primaryCategory!: ConsultationCategory;

  @Property({ type: ArrayType, columnType: 'text[]' })
  issueTags: IssueTag[] = [];

  /** 主訴: the person's own words. */
  @Property({ type: 'text', nullable: true })
  mainComplaint: string | null = null;

  @Property({ type: 'string', length: 20 })
  urgency!: Urgency;

  @Property({ type: 'string', length: 20 })
  consentStatus!: ConsultationConsentStatus;

  @Property({ type: 'string', length: 30 })
  jigyoAttribution!: JigyoAttribution;

  @Property({ type: 'string', length: 30, nullable: true })
  disposition: Disposition | null = null;

  @Property({ type: 'string', length: 40 })
  status: ConsultationStatus = 'received';

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  cancellationReason: string | null = null;

  @Property({ type: 'text', hidden: true })
  searchText = '';
}
