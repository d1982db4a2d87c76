import { OUTREACH_LEGAL_HOLD_RECORD_TYPES, OUTREACH_RETENTION_RECORD_TYPES, OUTREACH_RETENTION_TRIGGERS } from '@tsunagu/contracts';
import {
  ApproveDestructionCommandBase,
  DestructionBatchListQueryBase,
  DestructionBatchViewBase,
  DestructionItemListQueryBase,
  RetentionCheckViewBase,
  RetentionRuleChange,
  retentionShapes,
} from '@tsunagu/platform-audit';

/*
 * The shapes of outreach's retention API: platform-audit's (as intake's) with outreach's record types — the same screens
 * and clients read both.
 */
const shapes = retentionShapes({
  recordTypes: OUTREACH_RETENTION_RECORD_TYPES,
  holdRecordTypes: OUTREACH_LEGAL_HOLD_RECORD_TYPES,
  triggers: OUTREACH_RETENTION_TRIGGERS,
  describe: {
    trigger: 'The latest of the last contact, the discovery (never contacted) and the closing; 年度末起算.',
    action: 'erase: place, notes and companions’ names cleared; delete: the target and its contacts, watch plan, alerts and hand-overs deleted.',
    holdRecordType: 'A hold on a person (intake id) holds every target of the person.',
    triggeredOn: 'The date the period counted from.',
    dueOn: 'First day the target could be destroyed.',
  },
});

export class OutreachRetentionRuleView extends shapes.RuleView {}
export class UpdateOutreachRetentionRuleCommand extends RetentionRuleChange {}
export class PlaceOutreachLegalHoldCommand extends shapes.PlaceHoldCommand {}
export class OutreachLegalHoldListQuery extends shapes.HoldListQuery {}
export class OutreachLegalHoldView extends shapes.HoldView {}
export class OutreachDestructionBatchListQuery extends DestructionBatchListQueryBase {}
export class OutreachDestructionBatchView extends DestructionBatchViewBase {}
export class OutreachDestructionItemView extends shapes.ItemView {}
export class OutreachDestructionItemListQuery extends DestructionItemListQueryBase {}
export class ApproveOutreachDestructionCommand extends ApproveDestructionCommandBase {}
export class OutreachRetentionCheckView extends RetentionCheckViewBase {}
