import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { assertVersion } from '@tsunagu/platform-persistence';
import { TargetProtection } from '../people/target-protection';
import { TargetAccess } from '../shared/target-access';
import { syncWatchPlan } from '../watch/watch-plan.sync';
import type { ChangeStageCommand, CloseTargetCommand, TargetView } from './target.dto';
import { TargetStages } from './target-stages';
import { targetView } from './target.view';

@Injectable()
export class ChangeTargetStageUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly stages: TargetStages,
    private readonly protection: TargetProtection,
    private readonly access: TargetAccess,
  ) {}

  async execute(id: string, command: ChangeStageCommand): Promise<TargetView> {
    return this.em.transactional(async (em) => {
      const target = await this.access.findVisibleTarget(em, id);
      assertVersion(target, command.version, 'OutreachTarget');
      await this.stages.move(em, target, command.to);
      return targetView(target, this.protection.masked(target));
    });
  }
}

@Injectable()
export class CloseTargetUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly stages: TargetStages,
    private readonly protection: TargetProtection,
    private readonly access: TargetAccess,
  ) {}

  async execute(id: string, command: CloseTargetCommand): Promise<TargetView> {
    return this.em.transactional(async (em) => {
      const target = await this.access.findVisibleTarget(em, id);
      assertVersion(target, command.version, 'OutreachTarget');
      await this.stages.close(em, target, command.reason, command.note);
      // Watching ends with the outreach.
      await syncWatchPlan(em, target);
      return targetView(target, this.protection.masked(target));
    });
  }
}
