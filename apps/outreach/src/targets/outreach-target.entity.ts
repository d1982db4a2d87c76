import { ArrayType, Entity, Index, Property } from '@mikro-orm/core';
import type { DiscoveryRoute, IssueTag, OutreachCloseReason, OutreachStage, RiskLevel, TargetIdentity } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * アウトリーチ対象 (DOMAIN §7.2): someone support has not reached yet. May be a registered person (intake id),
 * a household, or only a place and what was seen there — partial identity, usually no consent yet.
 */
@Entity({ tableName: 'outreach_target' })
@TenantScoped()
@Index({ properties: ['municipality', 'assignedOrganizationId', 'stage'] })
@Index({ properties: ['municipality', 'districtId', 'stage'] })
@Index({ properties: ['municipality', 'personId'] })
@Index({ name: 'outreach_target_registered_by_index', properties: ['municipality', 'registeredByOrganizationId'] })
@Index({
  name: 'outreach_target_inactivity_index',
  expression:
    `create index "outreach_target_inactivity_index" on "outreach"."outreach_target" ("municipality", (coalesce("last_successful_contact_at", "lapse_origin_at"))) where "risk_level" = 'high' and "stage" <> 'closed'`,
})
export class OutreachTarget extends TenantEntity {
  @Property({ type: 'string', length: 20 })
  identity!: TargetIdentity;

  /** Intake person id, when the person is known. */
  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  householdId: string | null = null;

  /** Where and what (e.g. 「○○町の角の家、50代男性、数か月姿を見ない」): personal data, never in events. */
  @Property({ type: 'text', nullable: true })
  locationDescription: string | null = null;

  @Property({ type: 'string', length: 40 })
  discoveryRoute!: DiscoveryRoute;

  @Property({ type: 'date' })
  discoveredOn!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  reasonTags: IssueTag[] = [];

  @Property({ type: 'string', length: 10 })
  riskLevel!: RiskLevel;

  @Property({ type: 'uuid', nullable: true })
  districtId: string | null = null;

  /**
   * The person (or a member of the household) is under DV address protection in intake (from its
   * person.protection-changed): district and place are masked for roles outside OUTREACH_DV_ADDRESS_ROLES and never
   * leave outreach in an event.
   */
  @Property({ type: 'boolean' })
  addressProtected = false;

  @Property({ type: 'uuid' })
  assignedOrganizationId!: string;

  /**
   * The desk (effective organisation) of whoever registered the target: it keeps sight of what it found and handed to
   * another organisation (a city アウトリーチ支援員 registering a target for 社協). Null for system and older records.
   */
  @Property({ type: 'uuid', nullable: true })
  registeredByOrganizationId: string | null = null;

  /** Subjects of the assigned staff (担当支援員). */
  @Property({ type: ArrayType, columnType: 'text[]' })
  assignedStaff: string[] = [];

  /** 支援会議 (meeting ids in intake) the target was discussed at. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  meetingIds: string[] = [];

  @Property({ type: 'string', length: 30 })
  stage: OutreachStage = 'not-contacted';

  @Property({ type: 'datetime' })
  stageChangedAt: Date = new Date();

  /** First time the target reached 相談・支援につながった (reporting's "newly connected"). */
  @Property({ type: 'date', nullable: true })
  firstConnectedOn: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  closeReason: OutreachCloseReason | null = null;

  @Property({ type: 'date', nullable: true })
  closedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastContactAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastSuccessfulContactAt: Date | null = null;

  /** Start of the inactivity clock before any successful contact: the start of the discovery day (JST). */
  @Property({ type: 'datetime' })
  lapseOriginAt!: Date;
}
