import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { CasesController } from './cases.controller';
import { GetCaseUseCase, ListCasesUseCase } from './list-cases.usecase';
import { OpenCaseUseCase } from './open-case.usecase';
import { TransitionCaseUseCase } from './transition-case.usecase';

/** 多機関協働ケース: both tracks, 支援決定, lead agency, coordinator release, suspension and closure. */
@Module({
  imports: [ConsentsModule],
  controllers: [CasesController],
  providers: [ListCasesUseCase, GetCaseUseCase, OpenCaseUseCase, TransitionCaseUseCase],
  exports: [OpenCaseUseCase, TransitionCaseUseCase, GetCaseUseCase, ListCasesUseCase],
})
export class CasesModule {}
