import { Entity, Index, Property } from '@mikro-orm/core';
import type { EvaluationDecision, GoalResult } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

export interface GoalEvaluation {
  goalId: string;
  result: GoalResult;
  note: string | null;
}

/** 評価 (評価シート): goal results and the decision that moves the case on. */
@Entity({ tableName: 'evaluation' })
@TenantScoped()
@Index({ properties: ['municipality', 'planId'] })
export class Evaluation extends TenantEntity {
  @Property({ type: 'uuid' })
  planId!: string;

  @Property({ type: 'uuid' })
  caseId!: string;

  @Property({ type: 'date' })
  evaluatedOn!: string;

  @Property({ type: 'uuid', nullable: true })
  meetingId: string | null = null;

  @Property({ type: 'json' })
  goalResults: GoalEvaluation[] = [];

  @Property({ type: 'string', length: 20 })
  decision!: EvaluationDecision;

  @Property({ type: 'string', length: 200 })
  evaluatedBy!: string;
}
