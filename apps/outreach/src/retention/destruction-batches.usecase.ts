import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { OutreachTargetDestroyed, type OutreachRetentionRecordType } from '@tsunagu/contracts';
import { DestructionBatchesUseCaseBase, type DestructionDecider } from '@tsunagu/platform-audit';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { destroyTargets } from './destroy-targets';
import { dueTargets, heldTargetIds, targetRetentionRule } from './due-targets';

/**
 * Outreach's part of approving a batch of targets (the shell and its rules of approval are platform-audit's, as in
 * intake): a target is kept when a legal hold came after listing (`held`) or it is no longer due (a new contact, a
 * longer period: `not-due`); each destroyed target is announced (outreach.target.destroyed, ids and codes only).
 */
@Injectable()
export class OutreachDestructionBatchesUseCase extends DestructionBatchesUseCaseBase<OutreachRetentionRecordType> {
  constructor(
    em: EntityManager,
    private readonly events: EventRecorder,
  ) {
    super(em, 'outreach');
  }

  protected async decider(em: EntityManager): Promise<DestructionDecider> {
    const rule = await targetRetentionRule(em);
    return {
      keep: async (item, today) => {
        if ((await heldTargetIds(em, [item.recordId], today)).length > 0) return 'held';
        return (await dueTargets(em, today, rule, { sql: 'and t.id = ?::uuid', params: [item.recordId] })).length === 0 ? 'not-due' : null;
      },
      destroy: async (item, { batchId, approvedBy, now }) => {
        await destroyTargets(em, [item.recordId], item.action);
        const { action, ruleId, ruleVersion } = item;
        this.events.record(em, OutreachTargetDestroyed, item.recordId, { action, ruleId, ruleVersion, batchId, approvedBy, targetId: item.recordId, destroyedAt: now.toISOString() });
      },
    };
  }
}
