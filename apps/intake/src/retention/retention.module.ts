import { Module } from '@nestjs/common';
import { DestructionLogController, DestructionLogReader } from '@tsunagu/platform-audit';
import { DestructionBatchesUseCase } from './destruction-batches.usecase';
import { ListDueRecordsUseCase, RetentionCheckScheduler } from './list-due-records.usecase';
import { RetentionController } from './retention.controller';
import { LegalHoldsUseCase, RetentionRulesUseCase } from './retention-policy.usecase';

/** 保存期間・リーガルホールド・廃棄 (issue 19): the rules, holds, the daily check, approval and the destruction log. */
@Module({
  controllers: [RetentionController, DestructionLogController],
  providers: [RetentionRulesUseCase, LegalHoldsUseCase, ListDueRecordsUseCase, RetentionCheckScheduler, DestructionBatchesUseCase, DestructionLogReader],
  exports: [RetentionRulesUseCase],
})
export class RetentionModule {}
