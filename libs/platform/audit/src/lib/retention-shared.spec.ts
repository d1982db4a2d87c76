import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { DestructionLog } from './destruction-log';
import { DestructionBatch, DestructionItem } from './retention';
import { ApproveDestructionCommandBase, retentionController, retentionShapes, RetentionRuleChange } from './retention-api';
import { approveDestructionBatch, type DestructionDecider } from './retention-usecases';

/** @nestjs/swagger's metadata key for a property's schema. */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

const shapes = retentionShapes({
  recordTypes: ['outreach-target'] as const,
  holdRecordTypes: ['outreach-target', 'person'] as const,
  triggers: ['last-contact'] as const,
  describe: { trigger: 't', action: 'a', holdRecordType: 'h', triggeredOn: 'from', dueOn: 'due' },
});
class TargetHoldCommand extends shapes.PlaceHoldCommand {}
class TargetApproveCommand extends ApproveDestructionCommandBase {}

describe('retention API building blocks', () => {
  it('carry the service’s record types into the shapes it subclasses under its own names', () => {
    const recordType = Reflect.getMetadata(API_MODEL_PROPERTIES, TargetHoldCommand.prototype, 'recordType') as { enum: string[]; description: string };
    expect(recordType).toMatchObject({ enum: ['outreach-target', 'person'], description: 'h' });
    expect(TargetHoldCommand.name).toBe('TargetHoldCommand');
  });

  it('give the handlers the service’s shapes as parameter types (what validation and the OpenAPI document read)', () => {
    const Handlers = retentionController(
      {
        RuleView: shapes.RuleView,
        UpdateRuleCommand: RetentionRuleChange,
        PlaceHoldCommand: TargetHoldCommand,
        HoldListQuery: shapes.HoldListQuery,
        HoldView: shapes.HoldView,
        BatchListQuery: class {},
        BatchView: class {},
        ItemListQuery: class {},
        ItemView: shapes.ItemView,
        ApproveCommand: TargetApproveCommand,
        CheckView: class {},
      } as never,
      { listRules: '', updateRule: '', listHolds: '', placeHold: '', placeHoldBadRequest: '', runCheck: '', listBatches: '', listItems: '', approve: { summary: '', description: '' }, reject: '' },
    );
    expect(Reflect.getMetadata('design:paramtypes', Handlers.prototype, 'placeHold')).toEqual([TargetHoldCommand]);
    expect(Reflect.getMetadata('design:paramtypes', Handlers.prototype, 'approve')).toEqual([String, TargetApproveCommand]);
    expect(Reflect.getMetadata('design:paramtypes', Handlers.prototype, 'listHolds')).toEqual([shapes.HoldListQuery]);
  });
});

/** An EntityManager holding one pending batch and its items in memory. */
function fakeEm(batch: DestructionBatch, items: DestructionItem[]) {
  const persisted: object[] = [];
  const executed: { sql: string; params: unknown[] }[] = [];
  const em = {
    transactional: (fn: (tx: unknown) => unknown) => fn(em),
    findOne: async () => batch,
    find: async () => items.filter((item) => item.status === 'pending'),
    persist: (entity: object) => persisted.push(entity),
    getConnection: () => ({ execute: async (sql: string, params: unknown[]) => void executed.push({ sql, params }) }),
    getTransactionContext: () => undefined,
    flush: async () => undefined,
  };
  return { em: em as unknown as EntityManager, persisted, executed };
}

function item(recordId: string): DestructionItem {
  return Object.assign(new DestructionItem(), { batchId: 'b', recordType: 'outreach-target', recordId, ruleId: 'r', ruleVersion: 2, action: 'delete', triggeredOn: '2020-01-01', dueOn: '2024-04-01' });
}

describe('approveDestructionBatch', () => {
  it('removes what the approver takes out, keeps what the service keeps, destroys and logs the rest, ids and codes only', async () => {
    const batch = Object.assign(new DestructionBatch(), { listedAt: new Date() });
    const [removed, held, destroyed] = [item('t-removed'), item('t-held'), item('t-destroyed')];
    const { em, persisted, executed } = fakeEm(batch, [removed, held, destroyed]);
    const destroyedIds: string[] = [];
    const decider: DestructionDecider = {
      keep: async (listed) => (listed.recordId === 't-held' ? 'held' : null),
      destroy: async (listed) => void destroyedIds.push(listed.recordId),
      approved: (items) => expect(items.map((one) => one.recordId)).toEqual(['t-destroyed']),
    };
    const result = await TenantContext.runAsSystem('372013', () => approveDestructionBatch(em, batch.id, [removed.id], 'sv1', async () => decider, 'outreach'));
    expect(destroyedIds).toEqual(['t-destroyed']);
    expect([removed.status, held.status, destroyed.status]).toEqual(['removed', 'held', 'destroyed']);
    expect(result.batch).toMatchObject({ status: 'approved', decidedBy: 'sv1' });
    expect(persisted).toHaveLength(1);
    expect(persisted[0]).toBeInstanceOf(DestructionLog);
    expect(persisted[0]).toMatchObject({ recordType: 'outreach-target', recordId: 't-destroyed', action: 'delete', ruleId: 'r', ruleVersion: 2, batchId: batch.id, approvedBy: 'sv1' });
    // The stored responses naming it go too (and the expired ones).
    expect(executed).toEqual([{ sql: expect.stringContaining('delete from "outreach"."idempotency_key"'), params: ['{"%t-destroyed%"}'] }]);
  });

  it('refuses a batch already decided (409) and an item id not in it (400 naming removeItemIds)', async () => {
    const decided = Object.assign(new DestructionBatch(), { listedAt: new Date(), status: 'rejected' });
    const decider = async (): Promise<DestructionDecider> => ({ keep: async () => null, destroy: async () => undefined });
    await expect(approveDestructionBatch(fakeEm(decided, []).em, decided.id, [], 'sv1', decider, 'outreach')).rejects.toMatchObject({ code: expect.stringMatching(/conflict/i) });
    const pending = Object.assign(new DestructionBatch(), { listedAt: new Date() });
    await expect(approveDestructionBatch(fakeEm(pending, [item('t1')]).em, pending.id, ['00000000-0000-7000-8000-000000000000'], 'sv1', decider, 'outreach')).rejects.toThrow(/removeItemIds|not a pending item/);
  });
});
