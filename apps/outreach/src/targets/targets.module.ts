import { Module } from '@nestjs/common';
import { GetTargetUseCase, ListTargetsUseCase } from './list-targets.usecase';
import { RegisterTargetUseCase } from './register-target.usecase';
import { TargetsController } from './targets.controller';
import { ChangeTargetStageUseCase, CloseTargetUseCase } from './transition-target.usecase';
import { UpdateTargetUseCase } from './update-target.usecase';

/** Outreach targets and their relationship stage machine. */
@Module({
  controllers: [TargetsController],
  providers: [ListTargetsUseCase, GetTargetUseCase, RegisterTargetUseCase, ChangeTargetStageUseCase, CloseTargetUseCase, UpdateTargetUseCase],
  // データ取込 registers targets and moves their stages through the same use cases.
  exports: [RegisterTargetUseCase, ChangeTargetStageUseCase],
})
export class TargetsModule {}
