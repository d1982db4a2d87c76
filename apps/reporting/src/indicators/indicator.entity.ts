import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/** What an indicator's actual is computed from (the projections); each has one query in IndicatorActualsQueries. */
export const INDICATOR_MEASURES = [
  'new-consultations',
  'referrals-requested',
  'referrals-completed',
  'cases-opened',
  'cases-support-decided',
  'support-meetings-held',
  'jusou-meetings-held',
  'mutual-aid-districts',
  'outreach-targets-newly-connected',
  'outreach-contacts',
  'participation-persons-supported',
  'participation-matches-started',
  'participation-matches-settled',
  'mandatory-reports-raised',
  'mandatory-reports-made',
  'evaluations-recorded',
  'progress-notes-recorded',
  'council-meetings-held',
  'coordinators-in-post',
] as const;
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];

/** How a combined measure computes from its two parts (`ratio` and `percentage` are none when the second part is 0). */
export const MEASURE_OPERATIONS = ['sum', 'difference', 'ratio', 'percentage'] as const;
export type MeasureOperation = (typeof MEASURE_OPERATIONS)[number];

/** An indicator's `measure` names a built-in measure or, with this prefix, a combined measure of the municipality. */
export const COMBINED_MEASURE_PREFIX = 'combined:';

export const INDICATOR_MEASURE_LABELS: Record<IndicatorMeasure, string> = {
  'new-consultations': '新規相談受付件数',
  'referrals-requested': 'つなぎ依頼件数',
  'referrals-completed': 'つなぎ完了（初回接触確認）件数',
  'cases-opened': '多機関協働 新規ケース数',
  'cases-support-decided': '支援決定件数',
  'support-meetings-held': '支援会議 開催回数',
  'jusou-meetings-held': '重層的支援会議 開催回数',
  'mutual-aid-districts': '住民主体の支え合いサービス 実施地区数（年度末）',
  'outreach-targets-newly-connected': 'アウトリーチ 新たに相談・支援につながった人数',
  'outreach-contacts': 'アウトリーチ 接触・訪問延べ回数',
  'participation-persons-supported': '参加支援 対象者数（実人数）',
  'participation-matches-started': '参加支援 参加開始件数',
  'participation-matches-settled': '参加支援 定着件数',
  'mandatory-reports-raised': '通報要否の判断を要した件数（虐待等の疑い）',
  'mandatory-reports-made': '通報件数（通報済）',
  'evaluations-recorded': '支援プランの評価件数',
  'progress-notes-recorded': '支援経過記録の件数',
  'council-meetings-held': '協議体（第1層・第2層）開催回数',
  'coordinators-in-post': '生活支援コーディネーター 配置人数（年度末）',
};

/**
 * 評価指標 (DOMAIN §7.5). Versioned: once a target refers to a definition it is never edited — a change
 * makes version n+1 with the same code — so a past 年度's target vs actual keeps the meaning it was set with.
 */
@Entity({ tableName: 'indicator_definition' })
@TenantScoped()
@Unique({ properties: ['municipality', 'code', 'definitionVersion'] })
export class IndicatorDefinition extends TenantEntity {
  /** Stable across versions, e.g. `jusou-meetings`. */
  @Property({ type: 'string', length: 40 })
  code!: string;

  @Property({ type: 'integer' })
  definitionVersion!: number;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  /** A built-in measure, or `combined:<code>` of a CombinedMeasure. */
  @Property({ type: 'string', length: 40 })
  measure!: string;

  @Property({ type: 'string', length: 20 })
  unit!: string;
}

/** 目標値 of one indicator definition for one 年度. */
@Entity({ tableName: 'indicator_target' })
@TenantScoped()
@Unique({ properties: ['definitionId', 'fiscalYear'] })
@Index({ properties: ['municipality', 'fiscalYear'] })
export class IndicatorTarget extends TenantEntity {
  @Property({ type: 'uuid' })
  definitionId!: string;

  @Property({ type: 'integer' })
  fiscalYear!: number;

  @Property({ type: 'integer' })
  targetValue!: number;
}

/**
 * A measure defined as data (issue 17): two built-in measures combined — e.g. 「つなぎ完了率」 = percentage of
 * referrals-completed over referrals-requested — so a city adds one without a code change. Never edited once
 * defined (a target's meaning must not move under it): a different formula is a new code.
 */
@Entity({ tableName: 'combined_measure' })
@TenantScoped()
@Unique({ properties: ['municipality', 'code'] })
export class CombinedMeasure extends TenantEntity {
  /** Referred to by indicators as `combined:<code>`. */
  @Property({ type: 'string', length: 30 })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 20 })
  operation!: MeasureOperation;

  @Property({ type: 'string', length: 40 })
  leftMeasure!: IndicatorMeasure;

  @Property({ type: 'string', length: 40 })
  rightMeasure!: IndicatorMeasure;

  @Property({ type: 'string', length: 20 })
  unit!: string;
}
