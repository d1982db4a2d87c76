import { Module } from '@nestjs/common';
import { CollectSubjectRecordsUseCase } from './collect-subject-records.usecase';
import { SubjectRecordsRpcController } from './subject-records.rpc.controller';

/** 開示請求 (APPI 76条): outreach answers intake's request for everything it holds about a person (NATS request-reply). */
@Module({
  controllers: [SubjectRecordsRpcController],
  providers: [CollectSubjectRecordsUseCase],
})
export class DisclosureModule {}
