import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { fiscalYearLabel } from '@tsunagu/util-japanese-calendar';
import { IndicatorDefinition } from '../indicators/indicator.entity';
import { JIGYO, JIGYO_LABELS, type Jigyo } from '../reports/jigyo/jigyo-report';
import { IndicatorsReportUseCase, type IndicatorResult } from '../reports/indicators/indicators-report.usecase';
import { SuppressionThreshold } from '../shared/suppression-threshold';
import { costPerResult } from '../shared/cost';
import { budgetView, itemView, type BudgetView, type CreateLogicModelItemCommand, type LogicModelItemFields, type LogicModelItemView, type SetBudgetCommand, type UpdateLogicModelItemCommand } from './logic-model.dto';
import { JigyoBudget, LOGIC_MODEL_STAGE_LABELS, LOGIC_MODEL_STAGES, LogicModelItem, type LogicModelStage } from './logic-model.entity';

export interface LogicModelEntry extends LogicModelItemView {
  stageLabel: string;
  /** Target vs actual of the item's indicator for the 年度 (as in the indicators report); null without one. */
  indicator: IndicatorResult | null;
  /** The 事業's 事業費 ÷ the indicator's actual (counts only); none without a budget, an actual of 0 or a suppressed one. */
  costPerResult: number | null;
}

export interface LogicModel {
  title: string;
  municipality: string;
  fiscalYear: number;
  fiscalYearLabel: string;
  view: 'internal' | 'published';
  suppressionThreshold: number | null;
  jigyo: {
    jigyo: Jigyo;
    label: string;
    budget: BudgetView | null;
    stages: { stage: LogicModelStage; label: string; items: LogicModelEntry[] }[];
  }[];
}

async function assertIndicator(em: EntityManager, stage: LogicModelStage, indicatorCode: string | null | undefined): Promise<void> {
  if (!indicatorCode) return;
  if (stage === 'activity') throw DomainException.invalidField('indicatorCode', 'an activity has no indicator; outputs and outcomes do');
  // Through the tenant filter: another municipality's indicator is no indicator.
  if (!(await em.findOne(IndicatorDefinition, { code: indicatorCode }))) throw DomainException.invalidField('indicatorCode', 'no such indicator');
}

/** ロジックモデル per 事業 and 年度: activities → outputs → outcomes, each output or outcome with its indicator's target vs actual. */
@Injectable()
export class LogicModelUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly indicators: IndicatorsReportUseCase,
    private readonly threshold: SuppressionThreshold,
  ) {}

  async model(municipality: string, fiscalYear: number, view: 'internal' | 'published'): Promise<LogicModel> {
    const threshold = view === 'published' ? await this.threshold.of(municipality) : null;
    const items = await this.em.find(LogicModelItem, { municipality, fiscalYear }, { orderBy: { jigyo: 'asc', stage: 'asc', position: 'asc', createdAt: 'asc' } });
    const budgets = await this.em.find(JigyoBudget, { municipality, fiscalYear });
    const results = new Map((await this.indicators.results(municipality, fiscalYear, threshold)).map((result) => [result.code, result]));
    return {
      title: 'ロジックモデル 目標と実績',
      municipality,
      fiscalYear,
      fiscalYearLabel: fiscalYearLabel(fiscalYear),
      view,
      suppressionThreshold: threshold,
      jigyo: JIGYO.map((jigyo) => {
        const budget = budgets.find((candidate) => candidate.jigyo === jigyo);
        return {
          jigyo,
          label: JIGYO_LABELS[jigyo],
          budget: budget ? budgetView(budget) : null,
          stages: LOGIC_MODEL_STAGES.map((stage) => ({
            stage,
            label: LOGIC_MODEL_STAGE_LABELS[stage],
            items: items
              .filter((item) => item.jigyo === jigyo && item.stage === stage)
              .map((item): LogicModelEntry => {
                const indicator = (item.indicatorCode && results.get(item.indicatorCode)) || null;
                return {
                  ...itemView(item),
                  stageLabel: LOGIC_MODEL_STAGE_LABELS[stage],
                  indicator,
                  costPerResult: indicator?.isCount ? costPerResult(budget ? Number(budget.amountYen) : null, indicator.actual) : null,
                };
              }),
          })),
        };
      }),
    };
  }

  async list(fiscalYear: number | undefined): Promise<LogicModelItemView[]> {
    const items = await this.em.find(LogicModelItem, fiscalYear === undefined ? {} : { fiscalYear }, { orderBy: { fiscalYear: 'asc', jigyo: 'asc', stage: 'asc', position: 'asc' } });
    return items.map(itemView);
  }

  async create(command: CreateLogicModelItemCommand): Promise<LogicModelItemView> {
    return this.em.transactional(async (em) => {
      await assertIndicator(em, command.stage, command.indicatorCode);
      const last = await em.findOne(LogicModelItem, { fiscalYear: command.fiscalYear, jigyo: command.jigyo, stage: command.stage }, { orderBy: { position: 'desc' } });
      const item = em.create(LogicModelItem, { fiscalYear: command.fiscalYear, jigyo: command.jigyo, position: command.position ?? (last ? last.position + 1 : 0) } as LogicModelItem);
      this.apply(item, command);
      await em.flush();
      return itemView(item);
    });
  }

  async update(id: string, fields: Omit<UpdateLogicModelItemCommand, 'version'>, expectedVersion: number): Promise<LogicModelItemView> {
    return this.em.transactional(async (em) => {
      const item = await em.findOne(LogicModelItem, { id });
      if (!item) throw DomainException.notFound('LogicModelItem', id);
      assertVersion(item, expectedVersion, 'LogicModelItem');
      // Sent fields change, the others stay; the result must still be a valid item (no indicator on an activity).
      const next: LogicModelItemFields = {
        stage: fields.stage ?? item.stage,
        title: fields.title ?? item.title,
        indicatorCode: fields.indicatorCode === undefined ? item.indicatorCode : fields.indicatorCode,
        note: fields.note === undefined ? item.note : fields.note,
      };
      if (fields.indicatorCode !== undefined || fields.stage !== undefined) await assertIndicator(em, next.stage, next.indicatorCode);
      this.apply(item, next);
      if (fields.position !== undefined) item.position = fields.position;
      await em.flush();
      return itemView(item);
    });
  }

  async remove(id: string, expectedVersion: number): Promise<void> {
    await this.em.transactional(async (em) => {
      const item = await em.findOne(LogicModelItem, { id });
      if (!item) throw DomainException.notFound('LogicModelItem', id);
      assertVersion(item, expectedVersion, 'LogicModelItem');
      await em.remove(item).flush();
    });
  }

  private apply(item: LogicModelItem, fields: LogicModelItemFields): void {
    item.stage = fields.stage;
    item.title = fields.title;
    item.indicatorCode = fields.indicatorCode ?? null;
    item.note = fields.note ?? null;
  }
}

/** 事業費 and staff per 事業 and 年度 (one record each; a change to an existing one names the version it edits). */
@Injectable()
export class JigyoBudgetsUseCase {
  constructor(private readonly em: EntityManager) {}

  async list(fiscalYear: number | undefined): Promise<BudgetView[]> {
    return (await this.em.find(JigyoBudget, fiscalYear === undefined ? {} : { fiscalYear }, { orderBy: { fiscalYear: 'asc', jigyo: 'asc' } })).map(budgetView);
  }

  async set(fiscalYear: number, jigyo: Jigyo, command: SetBudgetCommand, expectedVersion: number | undefined): Promise<{ budget: BudgetView; created: boolean }> {
    return this.em.transactional(async (em) => {
      let budget = await em.findOne(JigyoBudget, { fiscalYear, jigyo });
      const created = !budget;
      if (budget) {
        if (expectedVersion === undefined) throw DomainException.invalidField('version', 'send the version you edited (body `version` or `If-Match` header)');
        assertVersion(budget, expectedVersion, 'JigyoBudget');
      } else {
        budget = em.create(JigyoBudget, { fiscalYear, jigyo } as JigyoBudget);
      }
      budget.amountYen = command.amountYen;
      budget.staffFte = command.staffFte;
      budget.note = command.note ?? null;
      await em.flush();
      return { budget: budgetView(budget), created };
    });
  }
}
