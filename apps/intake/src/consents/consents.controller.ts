import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction, subjectsAt } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, optionalVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import { ConsentListQuery, ConsentView, RecordConsentCommand, WithdrawConsentCommand } from './consent.dto';
import { GetConsentUseCase, ListConsentsUseCase } from './list-consents.usecase';
import { RecordConsentUseCase } from './record-consent.usecase';
import { WithdrawConsentUseCase } from './withdraw-consent.usecase';

@ApiTags('consents (同意台帳)')
@Controller('consents')
@Roles(...STAFF_AND_AGENCY_ROLES)
@Audited('Consent', { subjects: subjectsAt('personId') })
export class ConsentsController {
  constructor(
    private readonly list: ListConsentsUseCase,
    private readonly get: GetConsentUseCase,
    private readonly record: RecordConsentUseCase,
    private readonly withdraw: WithdrawConsentUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: PageOf(ConsentView) })
  findAll(@Query() query: ConsentListQuery): Promise<ListPage<ConsentView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ConsentView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<ConsentView> {
    return this.get.execute(id);
  }

  @Post()
  @ApiOperation({ summary: 'Record consent obtained (取得), refused (拒否) or not judgeable (判断不能)' })
  @ApiCreatedResponse({ type: ConsentView })
  create(@Body() command: RecordConsentCommand): Promise<ConsentView> {
    return this.record.execute(command);
  }

  @Post(':id/withdraw')
  @AuditedAction('transition')
  @ApiOperation({ summary: 'Withdraw (撤回) an obtained consent: sharing it covered stops from now on' })
  @ApiOkResponse({ type: ConsentView })
  async withdrawConsent(@Param('id', ParseUUIDPipe) id: string, @Body() command: WithdrawConsentCommand, @Headers('if-match') ifMatch?: string): Promise<ConsentView> {
    await this.get.execute(id); // 404 for a consent of a person outside the caller's reach
    return this.withdraw.execute(id, command, optionalVersion(command.version, ifMatch));
  }
}
