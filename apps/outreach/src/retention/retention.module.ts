import { Module } from '@nestjs/common';
import { OutreachDestructionBatchesUseCase } from './destruction-batches.usecase';
import { IntakeLegalHoldsHandlers } from './intake-legal-holds.handlers';
import { ListDueTargetsUseCase, OutreachRetentionCheckScheduler } from './list-due-targets.usecase';
import { OutreachRetentionController } from './retention.controller';
import { OutreachLegalHoldsUseCase, OutreachRetentionRuleUseCase } from './retention-policy.usecase';

/**
 * 保存期間・リーガルホールド・廃棄 of outreach targets (issue 19): targets may have no person, so intake's destruction
 * never reaches them. Holds placed in intake are kept by person (IntakeLegalHoldsHandlers). The destruction log's
 * controller is PeopleModule's (one log for both kinds of destruction).
 */
@Module({
  controllers: [OutreachRetentionController, IntakeLegalHoldsHandlers],
  providers: [OutreachRetentionRuleUseCase, OutreachLegalHoldsUseCase, ListDueTargetsUseCase, OutreachRetentionCheckScheduler, OutreachDestructionBatchesUseCase],
})
export class RetentionModule {}
