import { ArrayType, Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { CaseStatus, CaseTrack, ClosureReason } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * 多機関協働ケース (DOMAIN §2.6, §7.1): a household several agencies work on together. It starts on the
 * pre-consent 支援会議 track (潜在) or, with consent, on the 重層 track (受理), and may outlive the
 * coordinator's involvement (coordinatorReleasedAt) under a lead agency.
 */
@Entity({ tableName: 'multi_agency_case' })
@TenantScoped()
@Unique({ properties: ['municipality', 'caseNo'] })
@Index({ properties: ['municipality', 'status'] })
@Index({ properties: ['municipality', 'householdId'] })
@Index({ name: 'multi_agency_case_key_person_idx', properties: ['keyPersonId'] })
export class MultiAgencyCase extends TenantEntity {
  /** e.g. C-R7-0001 (per municipality and 年度). */
  @Property({ type: 'string', length: 20 })
  caseNo!: string;

  @Property({ type: 'uuid' })
  householdId!: string;

  @Property({ type: 'uuid' })
  keyPersonId!: string;

  @Property({ type: 'uuid', nullable: true })
  consultationId: string | null = null;

  @Property({ type: 'string', length: 20 })
  track!: CaseTrack;

  /** The consent (重層的支援会議での共有 / 関係機関との情報共有) that put the case on the 重層 track. */
  @Property({ type: 'uuid', nullable: true })
  consentId: string | null = null;

  @Property({ type: 'string', length: 20 })
  status!: CaseStatus;

  /** 多機関協働事業者 */
  @Property({ type: 'uuid' })
  coordinatorOrganizationId!: string;

  @Property({ type: 'string', length: 200 })
  coordinatorStaff!: string;

  /** 主担当機関 */
  @Property({ type: 'uuid', nullable: true })
  leadOrganizationId: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  memberOrganizationIds: string[] = [];

  /**
   * Members that joined while the case was on the 重層 track: their sharing rests on the consent, so they leave the case
   * if it is withdrawn (consent-withdrawal.ts). Members of the 支援会議 track stay (社福法106条の6).
   */
  @Property({ type: ArrayType, columnType: 'text[]' })
  consentMemberOrganizationIds: string[] = [];

  /** 支援決定 by the municipality. */
  @Property({ type: 'date', nullable: true })
  supportDecidedOn: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  supportDecidedBy: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  supportDecisionMeetingId: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  coordinatorReleasedAt: Date | null = null;

  @Property({ type: 'date', nullable: true })
  suspendedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  suspensionReason: string | null = null;

  @Property({ type: 'date', nullable: true })
  closedOn: string | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  closureReason: ClosureReason | null = null;

  @Property({ type: 'text', nullable: true })
  closureNote: string | null = null;
}
