import { BigIntType, DecimalType, Entity, Index, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import type { Jigyo } from '../reports/jigyo/jigyo-report';

/** The columns of a logic model, left to right: what is done, what it yields, what changes soon and later. */
export const LOGIC_MODEL_STAGES = ['activity', 'output', 'short-term-outcome', 'long-term-outcome'] as const;
export type LogicModelStage = (typeof LOGIC_MODEL_STAGES)[number];

export const LOGIC_MODEL_STAGE_LABELS: Record<LogicModelStage, string> = {
  activity: '活動',
  output: 'アウトプット',
  'short-term-outcome': '短期アウトカム',
  'long-term-outcome': '長期アウトカム',
};

/**
 * One box of a municipality's logic model for a 事業 and 年度 (issue 17): a title, a note, and — for outputs and
 * outcomes — the indicator (by code) whose target and actual the model shows. Edits are audited and optimistically locked.
 */
@Entity({ tableName: 'logic_model_item' })
@TenantScoped()
@Index({ properties: ['municipality', 'fiscalYear'] })
export class LogicModelItem extends TenantEntity {
  @Property({ type: 'integer' })
  fiscalYear!: number;

  @Property({ type: 'string', length: 20 })
  jigyo!: Jigyo;

  @Property({ type: 'string', length: 30 })
  stage!: LogicModelStage;

  /** Order within the 事業's stage (ascending). */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** The indicator's stable code: the 年度's target picks the version, as in the indicators report. */
  @Property({ type: 'string', length: 40, nullable: true })
  indicatorCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}

/** 事業費 (yen) and staff (常勤換算) of a 事業 in a 年度: cost per result beside the figures. */
@Entity({ tableName: 'jigyo_budget' })
@TenantScoped()
@Unique({ properties: ['municipality', 'fiscalYear', 'jigyo'] })
export class JigyoBudget extends TenantEntity {
  @Property({ type: 'integer' })
  fiscalYear!: number;

  @Property({ type: 'string', length: 20 })
  jigyo!: Jigyo;

  @Property({ type: new BigIntType('number') })
  amountYen!: number;

  @Property({ type: new DecimalType('number'), columnType: 'numeric(7,2)' })
  staffFte!: number;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
