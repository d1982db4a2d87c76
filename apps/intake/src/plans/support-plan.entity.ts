import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { GoalTerm, PlanStatus } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

export interface PlanGoal {
  id: string;
  term: GoalTerm;
  text: string;
  targetDate: string | null;
}

/** One row of 役割分担: which agency does what, how often, for which goal. */
export interface PlanAction {
  goalId: string | null;
  organizationId: string;
  role: string;
  content: string;
  frequency: string | null;
  start: string | null;
  end: string | null;
  isLead: boolean;
}

/**
 * 支援プラン (プランシート, DOMAIN §2.4, §7.1). Each revision is a new row with the next planVersion; the
 * previous approved one becomes 改定済 when the new one is approved.
 */
@Entity({ tableName: 'support_plan' })
@TenantScoped()
@Unique({ properties: ['caseId', 'planVersion'] })
@Index({ properties: ['municipality', 'caseId', 'status'] })
export class SupportPlan extends TenantEntity {
  @Property({ type: 'uuid' })
  caseId!: string;

  @Property({ type: 'integer' })
  planVersion!: number;

  @Property({ type: 'date' })
  createdOn!: string;

  @Property({ type: 'string', length: 200 })
  authorStaff!: string;

  /** 本人・世帯の意向 */
  @Property({ type: 'text', nullable: true })
  wishes: string | null = null;

  /** 課題整理 */
  @Property({ type: 'text', nullable: true })
  issueSummary: string | null = null;

  /** 総合的な支援の方向性 */
  @Property({ type: 'text', nullable: true })
  overallDirection: string | null = null;

  @Property({ type: 'json' })
  goals: PlanGoal[] = [];

  @Property({ type: 'json' })
  actions: PlanAction[] = [];

  @Property({ type: 'boolean' })
  usesParticipationSupport = false;

  @Property({ type: 'boolean' })
  usesOutreach = false;

  @Property({ type: 'date', nullable: true })
  nextReviewOn: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  consentId: string | null = null;

  /** 重層的支援会議 that reviewed and approved it. */
  @Property({ type: 'uuid', nullable: true })
  meetingId: string | null = null;

  @Property({ type: 'string', length: 20 })
  status: PlanStatus = 'draft';
}
