import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CollectOutreachSubjectRecordsRpc, type SubjectRecordsRequest, type SubjectRecordsResponse } from '@tsunagu/contracts';
import { RpcDomainExceptionFilter } from '@tsunagu/platform-messaging';
import { CollectSubjectRecordsUseCase } from './collect-subject-records.usecase';

/** Request-reply side of a 開示請求: intake asks what outreach holds about a person. */
@Controller()
@UseFilters(RpcDomainExceptionFilter)
export class SubjectRecordsRpcController {
  constructor(private readonly collect: CollectSubjectRecordsUseCase) {}

  @MessagePattern(CollectOutreachSubjectRecordsRpc.subject)
  async collectSubjectRecords(@Payload() request: SubjectRecordsRequest): Promise<SubjectRecordsResponse> {
    return this.collect.execute(request);
  }
}
