import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { CombinedMeasure, COMBINED_MEASURE_PREFIX, IndicatorDefinition, IndicatorTarget } from './indicator.entity';
import { combinedMeasureView, indicatorView, targetView, type CombinedMeasureView, type CreateCombinedMeasureCommand, type CreateIndicatorCommand, type CreateTargetCommand, type IndicatorFields, type IndicatorView, type TargetView } from './indicator.dto';

/** A `combined:<code>` measure must be one of the municipality's combined measures (the tenant filter scopes the lookup). */
async function assertMeasureExists(em: EntityManager, measure: string): Promise<void> {
  if (!measure.startsWith(COMBINED_MEASURE_PREFIX)) return;
  if (!(await em.findOne(CombinedMeasure, { code: measure.slice(COMBINED_MEASURE_PREFIX.length) }))) throw DomainException.invalidField('measure', 'no such combined measure');
}

async function applyFields(em: EntityManager, definition: IndicatorDefinition, fields: IndicatorFields): Promise<void> {
  await assertMeasureExists(em, fields.measure);
  definition.name = fields.name;
  definition.description = fields.description ?? null;
  definition.measure = fields.measure;
  definition.unit = fields.unit;
}

async function latestVersion(em: EntityManager, code: string): Promise<IndicatorDefinition | null> {
  return em.findOne(IndicatorDefinition, { code }, { orderBy: { definitionVersion: 'desc' } });
}

/** Every version of every indicator of the caller's municipality (the tenant filter scopes it). */
@Injectable()
export class ListIndicatorsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(): Promise<IndicatorView[]> {
    const all = await this.em.find(IndicatorDefinition, {}, { orderBy: { code: 'asc', definitionVersion: 'asc' } });
    return all.map(indicatorView);
  }
}

/** A new indicator: version 1 of a new code. */
@Injectable()
export class DefineIndicatorUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(command: CreateIndicatorCommand): Promise<IndicatorView> {
    return this.em.transactional(async (em) => {
      if (await latestVersion(em, command.code)) {
        throw new DomainException(DomainErrorCode.Conflict, `indicator ${command.code} already exists; add a version to change it`, { errors: { code: 'already exists' } });
      }
      const definition = em.create(IndicatorDefinition, { code: command.code, definitionVersion: 1 } as IndicatorDefinition);
      await applyFields(em, definition, command);
      await em.flush();
      return indicatorView(definition);
    });
  }
}

/**
 * Edits a definition no target refers to yet (a typo in a fresh definition). Once a target uses it, its
 * meaning is fixed: the edit is refused and the caller adds a version instead.
 */
@Injectable()
export class EditIndicatorUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string, fields: IndicatorFields, expectedVersion: number): Promise<IndicatorView> {
    return this.em.transactional(async (em) => {
      const definition = await em.findOne(IndicatorDefinition, { id });
      if (!definition) throw DomainException.notFound('IndicatorDefinition', id);
      assertVersion(definition, expectedVersion, 'IndicatorDefinition');
      if ((await em.count(IndicatorTarget, { definitionId: id })) > 0) {
        throw new DomainException(DomainErrorCode.Conflict, `indicator ${definition.code} version ${definition.definitionVersion} has targets; add a new version instead of editing it`, {
          reason: 'definition-in-use',
        });
      }
      await applyFields(em, definition, fields);
      await em.flush();
      return indicatorView(definition);
    });
  }
}

/** Version n+1 of an indicator, from its latest version; earlier versions and their targets stay as they were. */
@Injectable()
export class ReviseIndicatorUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string, fields: IndicatorFields): Promise<IndicatorView> {
    return this.em.transactional(async (em) => {
      const base = await em.findOne(IndicatorDefinition, { id });
      if (!base) throw DomainException.notFound('IndicatorDefinition', id);
      const latest = (await latestVersion(em, base.code)) as IndicatorDefinition;
      if (latest.id !== base.id) {
        throw new DomainException(DomainErrorCode.Conflict, `version ${latest.definitionVersion} of ${base.code} is newer; revise that one`, { latestId: latest.id });
      }
      const next = em.create(IndicatorDefinition, { code: base.code, definitionVersion: base.definitionVersion + 1 } as IndicatorDefinition);
      await applyFields(em, next, fields);
      // Two revisions at once both aim at n+1: the unique (municipality, code, definitionVersion) refuses the second (409).
      await em.flush();
      return indicatorView(next);
    });
  }
}

@Injectable()
export class ListTargetsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(fiscalYear?: number): Promise<TargetView[]> {
    const targets = await this.em.find(IndicatorTarget, fiscalYear === undefined ? {} : { fiscalYear }, { orderBy: { fiscalYear: 'asc', definitionId: 'asc' } });
    return targets.map(targetView);
  }
}

/** 目標値 of a definition for a 年度 (one per definition and year: a second is a conflict, edit the first). */
@Injectable()
export class SetTargetUseCase {
  constructor(private readonly em: EntityManager) {}

  async create(command: CreateTargetCommand): Promise<TargetView> {
    return this.em.transactional(async (em) => {
      // Through the tenant filter: another municipality's definition is "not found", never targetable.
      if (!(await em.findOne(IndicatorDefinition, { id: command.definitionId }))) throw DomainException.invalidField('definitionId', 'no such indicator definition');
      if (await em.findOne(IndicatorTarget, { definitionId: command.definitionId, fiscalYear: command.fiscalYear })) {
        throw new DomainException(DomainErrorCode.Conflict, `a target for ${command.fiscalYear} already exists; edit it`, { errors: { fiscalYear: 'already has a target' } });
      }
      const target = em.create(IndicatorTarget, { definitionId: command.definitionId, fiscalYear: command.fiscalYear, targetValue: command.targetValue } as IndicatorTarget);
      await em.flush();
      return targetView(target);
    });
  }

  async update(id: string, targetValue: number, expectedVersion: number): Promise<TargetView> {
    return this.em.transactional(async (em) => {
      const target = await em.findOne(IndicatorTarget, { id });
      if (!target) throw DomainException.notFound('IndicatorTarget', id);
      assertVersion(target, expectedVersion, 'IndicatorTarget');
      target.targetValue = targetValue;
      await em.flush();
      return targetView(target);
    });
  }
}

/** Combined measures (measures as data): listed to analysts, defined by supervisors and admins, never edited. */
@Injectable()
export class CombinedMeasuresUseCase {
  constructor(private readonly em: EntityManager) {}

  async list(): Promise<CombinedMeasureView[]> {
    return (await this.em.find(CombinedMeasure, {}, { orderBy: { code: 'asc' } })).map(combinedMeasureView);
  }

  async define(command: CreateCombinedMeasureCommand): Promise<CombinedMeasureView> {
    return this.em.transactional(async (em) => {
      if (await em.findOne(CombinedMeasure, { code: command.code })) {
        throw new DomainException(DomainErrorCode.Conflict, `combined measure ${command.code} already exists; a different formula needs a new code`, { errors: { code: 'already exists' } });
      }
      const { code, name, operation, leftMeasure, rightMeasure, unit } = command;
      const measure = em.create(CombinedMeasure, { code, name, operation, leftMeasure, rightMeasure, unit } as CombinedMeasure);
      await em.flush();
      return combinedMeasureView(measure);
    });
  }
}
