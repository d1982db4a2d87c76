import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { DraftPlanUseCase } from './draft-plan.usecase';
import { ListPlansUseCase } from './list-plans.usecase';
import { PlansController } from './plans.controller';
import { RecordEvaluationUseCase } from './record-evaluation.usecase';
import { TransitionPlanUseCase } from './transition-plan.usecase';

/** 支援プラン with versions, and their 評価. */
@Module({
  imports: [ConsentsModule],
  controllers: [PlansController],
  providers: [ListPlansUseCase, DraftPlanUseCase, TransitionPlanUseCase, RecordEvaluationUseCase],
  exports: [ListPlansUseCase, DraftPlanUseCase],
})
export class PlansModule {}
