import { ArrayType, Entity, Index, Property } from '@mikro-orm/core';
import type { MatchEndReason, MatchStatus, OpportunitySource, ParticipationPurpose } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/** マッチング (DOMAIN §7.3): one person's way into one opportunity, 提案 → … → 定着, or 中断 / 終了. */
@Entity({ tableName: 'match' })
@TenantScoped()
@Index({ properties: ['municipality', 'needId'] })
@Index({ properties: ['municipality', 'hostOrganizationId'] })
@Index({ properties: ['municipality', 'status', 'nextFollowUpDue'] })
export class Match extends TenantEntity {
  @Property({ type: 'uuid' })
  needId!: string;

  @Property({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'uuid' })
  opportunityId!: string;

  @Property({ type: 'string', length: 30 })
  source!: OpportunitySource;

  @Property({ type: 'uuid', nullable: true })
  resourceId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  hostId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  hostOrganizationId: string | null = null;

  @Property({ type: 'string', length: 30 })
  purpose!: ParticipationPurpose;

  @Property({ type: 'uuid', nullable: true })
  districtId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  homeDistrictId: string | null = null;

  /** Score and reasons when proposed, so the proposal can be explained later. */
  @Property({ type: 'integer', nullable: true })
  proposedScore: number | null = null;

  @Property({ type: 'string', length: 40 })
  status: MatchStatus = 'proposed';

  @Property({ type: 'date' })
  proposedOn!: string;

  @Property({ type: 'date', nullable: true })
  visitOn: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  trialDates: string[] = [];

  @Property({ type: 'date', nullable: true })
  startedOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  settledOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  endedOn: string | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  endReason: MatchEndReason | null = null;

  @Property({ type: 'text', nullable: true })
  endNote: string | null = null;

  /** Intake consent (参加支援受入先への提供) that allowed sharing with the host. */
  @Property({ type: 'uuid', nullable: true })
  consentId: string | null = null;

  /** Next 定着支援 follow-up due (participating / trial matches). */
  @Property({ type: 'date', nullable: true })
  nextFollowUpDue: string | null = null;

  @Property({ type: 'string', length: 200 })
  proposedBy!: string;
}
