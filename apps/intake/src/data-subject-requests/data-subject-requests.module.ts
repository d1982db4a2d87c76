import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { CompleteDataSubjectRequestUseCase } from './complete-data-subject-request.usecase';
import { DataSubjectRequestsController } from './data-subject-requests.controller';
import { DataSubjectRequestsUseCase } from './data-subject-requests.usecase';
import { DisclosurePackUseCase } from './disclosure-pack.usecase';

/** 開示・訂正・利用停止請求 (APPI 76条・90条・98条): requests, decisions, the 開示 pack across services. */
@Module({
  imports: [PeopleModule],
  controllers: [DataSubjectRequestsController],
  providers: [DataSubjectRequestsUseCase, CompleteDataSubjectRequestUseCase, DisclosurePackUseCase],
  exports: [DataSubjectRequestsUseCase],
})
export class DataSubjectRequestsModule {}
