import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { retentionController } from '@tsunagu/platform-audit';
import { OutreachDestructionBatchesUseCase } from './destruction-batches.usecase';
import { ListDueTargetsUseCase } from './list-due-targets.usecase';
import {
  ApproveOutreachDestructionCommand,
  OutreachDestructionBatchListQuery,
  OutreachDestructionBatchView,
  OutreachDestructionItemListQuery,
  OutreachDestructionItemView,
  OutreachLegalHoldListQuery,
  OutreachLegalHoldView,
  OutreachRetentionCheckView,
  OutreachRetentionRuleView,
  PlaceOutreachLegalHoldCommand,
  UpdateOutreachRetentionRuleCommand,
} from './retention.dto';
import { OutreachLegalHoldsUseCase, OutreachRetentionRuleUseCase } from './retention-policy.usecase';

const RetentionHandlers = retentionController(
  {
    RuleView: OutreachRetentionRuleView,
    UpdateRuleCommand: UpdateOutreachRetentionRuleCommand,
    PlaceHoldCommand: PlaceOutreachLegalHoldCommand,
    HoldListQuery: OutreachLegalHoldListQuery,
    HoldView: OutreachLegalHoldView,
    BatchListQuery: OutreachDestructionBatchListQuery,
    BatchView: OutreachDestructionBatchView,
    ItemListQuery: OutreachDestructionItemListQuery,
    ItemView: OutreachDestructionItemView,
    ApproveCommand: ApproveOutreachDestructionCommand,
    CheckView: OutreachRetentionCheckView,
  },
  {
    listRules: 'The municipality’s retention period for outreach targets (文書管理規程), the default (3 years from the last contact) seeded on first use',
    updateRule: 'Change the retention period or its action (a new rule version; targets already listed keep theirs)',
    listHolds: 'Legal holds (リーガルホールド) on targets, newest first',
    placeHold: 'Place a legal hold (訴訟, 監査, 開示請求 …) on a target or on every target of a person: never destroyed while in force (city staff only)',
    placeHoldBadRequest: 'No such target or person, or `until` in the past.',
    runCheck: 'Run the daily retention check now for the caller’s municipality: lists targets due into a new batch, destroys nothing',
    listBatches: 'Destruction batches of targets (廃棄予定一覧), newest first',
    listItems: 'The targets of a batch, by id (open a target itself to check it, audited as a read)',
    approve: {
      summary: 'Approve a batch (廃棄承認) and destroy its targets as the rule says, in one transaction; city supervisors only',
      description: 'Items in `removeItemIds` stay. A target under a legal hold placed since listing is kept (`held`), one no longer due is kept (`not-due`). Each destroyed target is logged and announced as outreach.target.destroyed.',
    },
    reject: 'Reject a batch: nothing is destroyed; its targets are listed again only when the rule changes',
  },
);

/** Outreach's own retention of targets (issue 19): the same paths and rules as intake's, under /api/outreach. */
@ApiTags('retention (保存期間・廃棄)')
@Controller()
export class OutreachRetentionController extends RetentionHandlers {
  constructor(rules: OutreachRetentionRuleUseCase, holds: OutreachLegalHoldsUseCase, batches: OutreachDestructionBatchesUseCase, check: ListDueTargetsUseCase) {
    super(rules, holds, batches, check);
  }
}
