import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { retentionController } from '@tsunagu/platform-audit';
import { DestructionBatchesUseCase } from './destruction-batches.usecase';
import { ListDueRecordsUseCase } from './list-due-records.usecase';
import {
  ApproveDestructionCommand,
  DestructionBatchListQuery,
  DestructionBatchView,
  DestructionItemListQuery,
  DestructionItemView,
  LegalHoldListQuery,
  LegalHoldView,
  PlaceLegalHoldCommand,
  RetentionCheckView,
  RetentionRuleView,
  UpdateRetentionRuleCommand,
} from './retention.dto';
import { LegalHoldsUseCase, RetentionRulesUseCase } from './retention-policy.usecase';

const RetentionHandlers = retentionController(
  {
    RuleView: RetentionRuleView,
    UpdateRuleCommand: UpdateRetentionRuleCommand,
    PlaceHoldCommand: PlaceLegalHoldCommand,
    HoldListQuery: LegalHoldListQuery,
    HoldView: LegalHoldView,
    BatchListQuery: DestructionBatchListQuery,
    BatchView: DestructionBatchView,
    ItemListQuery: DestructionItemListQuery,
    ItemView: DestructionItemView,
    ApproveCommand: ApproveDestructionCommand,
    CheckView: RetentionCheckView,
  },
  {
    listRules: 'The municipality’s retention periods per record type (文書管理規程), the defaults seeded on first use',
    updateRule: 'Change a retention period or its action (a new rule version; records already listed keep theirs)',
    listHolds: 'Legal holds (リーガルホールド), newest first',
    placeHold: 'Place a legal hold (訴訟, 監査, 開示請求 …) on a person or record: it is never destroyed while the hold is in force (city staff only)',
    placeHoldBadRequest: 'No such record, or `until` in the past.',
    runCheck: 'Run the daily retention check now for the caller’s municipality: lists records due into a new batch, destroys nothing',
    listBatches: 'Destruction batches (廃棄予定一覧), newest first',
    listItems: 'The records of a batch, by type and id (open a record itself to check it, audited as a read)',
    approve: {
      summary: 'Approve a batch (廃棄承認) and destroy its records as their rules say; city supervisors only',
      description: 'Items in `removeItemIds` stay. An item under a legal hold placed since listing is kept (status `held`). Persons destroyed are announced as person.destroyed so outreach and matching erase their copies.',
    },
    reject: 'Reject a batch: nothing is destroyed; its records are listed again only when their rule changes',
  },
);

/** Intake's retention of persons, consultations and cases (issue 19): platform-audit's handlers with intake's use cases. */
@ApiTags('retention (保存期間・廃棄)')
@Controller()
export class RetentionController extends RetentionHandlers {
  constructor(rules: RetentionRulesUseCase, holds: LegalHoldsUseCase, batches: DestructionBatchesUseCase, check: ListDueRecordsUseCase) {
    super(rules, holds, batches, check);
  }
}
