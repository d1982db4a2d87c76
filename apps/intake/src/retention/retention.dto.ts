import { RETENTION_RECORD_TYPES, RETENTION_TRIGGERS } from '@tsunagu/contracts';
import {
  ApproveDestructionCommandBase,
  DestructionBatchListQueryBase,
  DestructionBatchViewBase,
  DestructionItemListQueryBase,
  RetentionCheckViewBase,
  RetentionRuleChange,
  retentionShapes,
} from '@tsunagu/platform-audit';

/** The shapes of intake's retention API: platform-audit's with intake's record types (a hold can be on any of them). */
const shapes = retentionShapes({
  recordTypes: RETENTION_RECORD_TYPES,
  holdRecordTypes: RETENTION_RECORD_TYPES,
  triggers: RETENTION_TRIGGERS,
  describe: {
    trigger: 'The event the period counts from (年度末起算: from the end of its 年度).',
    action: 'erase: personal fields and free text cleared; delete: rows deleted.',
    holdRecordType: 'A hold on a person holds every record of the person.',
    triggeredOn: 'The event the period counted from.',
    dueOn: 'First day the record could be destroyed.',
  },
});

export class RetentionRuleView extends shapes.RuleView {}
export class UpdateRetentionRuleCommand extends RetentionRuleChange {}
export class PlaceLegalHoldCommand extends shapes.PlaceHoldCommand {}
export class LegalHoldListQuery extends shapes.HoldListQuery {}
export class LegalHoldView extends shapes.HoldView {}
export class DestructionBatchListQuery extends DestructionBatchListQueryBase {}
export class DestructionBatchView extends DestructionBatchViewBase {}
export class DestructionItemView extends shapes.ItemView {}
export class DestructionItemListQuery extends DestructionItemListQueryBase {}
export class ApproveDestructionCommand extends ApproveDestructionCommandBase {}
export class RetentionCheckView extends RetentionCheckViewBase {}
