import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction, subjectsAt } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, optionalVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { STAFF_ROLES } from '../shared/roles';
import { DecideMandatoryReportCommand, MandatoryReportListQuery, MandatoryReportView } from './consultation.dto';
import { DecideMandatoryReportUseCase, ListMandatoryReportsUseCase } from './decide-mandatory-report.usecase';

@ApiTags('mandatory-reports (通報)')
@Controller('mandatory-reports')
@Roles(...STAFF_ROLES)
@Audited('MandatoryReport', { subjects: subjectsAt('personId') })
export class MandatoryReportsController {
  constructor(
    private readonly list: ListMandatoryReportsUseCase,
    private readonly decide: DecideMandatoryReportUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: '通報 records opened by abuse tags (filter decision-pending for the to-do list)' })
  @ApiOkResponse({ type: PageOf(MandatoryReportView) })
  findAll(@Query() query: MandatoryReportListQuery): Promise<ListPage<MandatoryReportView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: MandatoryReportView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<MandatoryReportView> {
    return this.list.get(id);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: 'Record the 通報要否 decision (通報済 with where to, or 通報不要)' })
  @ApiOkResponse({ type: MandatoryReportView })
  decideReport(@Param('id', ParseUUIDPipe) id: string, @Body() command: DecideMandatoryReportCommand, @Headers('if-match') ifMatch?: string): Promise<MandatoryReportView> {
    return this.decide.execute(id, command, optionalVersion(command.version, ifMatch));
  }
}
