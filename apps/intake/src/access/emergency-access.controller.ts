import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { EmergencyAccessListQuery, EmergencyAccessView, GrantEmergencyAccessCommand, ReviewEmergencyAccessCommand } from './emergency-access.dto';
import { EmergencyAccessReviewUseCase, GrantEmergencyAccessUseCase } from './emergency-access.usecase';
import { EMERGENCY_ACCESS_ROLES } from './person-visibility';

@ApiTags('emergency access (緊急時アクセス)')
@Controller()
export class EmergencyAccessController {
  constructor(
    private readonly grant: GrantEmergencyAccessUseCase,
    private readonly reviews: EmergencyAccessReviewUseCase,
  ) {}

  @Post('persons/:id/emergency-access')
  @Roles(...EMERGENCY_ACCESS_ROLES)
  @Audited('Person')
  @AuditedAction('emergency-access')
  @ApiOperation({
    summary: 'Open a person’s record in an emergency (緊急時アクセス, break-glass) without a relationship',
    description: 'Lasts EMERGENCY_ACCESS_MINUTES for the caller only (not their desk); audited as `emergency-access` and listed for supervisors and auditors to review. Not for analysts, auditors or machine clients.',
  })
  @ApiCreatedResponse({ type: EmergencyAccessView })
  @ApiBadRequestResponse({ description: '`reason` missing or shorter than 10 characters.' })
  @ApiNotFoundResponse({ description: 'No such person.' })
  open(@Param('id', ParseUUIDPipe) id: string, @Body() command: GrantEmergencyAccessCommand): Promise<EmergencyAccessView> {
    return this.grant.execute(id, command);
  }

  @Get('emergency-accesses')
  @Roles('supervisor', 'auditor', 'admin')
  @Audited('EmergencyAccess')
  @ApiOperation({ summary: 'Emergency accesses to review, unreviewed first (a supervisor of a contracted desk sees only their desk’s)' })
  @ApiOkResponse({ type: PageOf(EmergencyAccessView) })
  list(@Query() query: EmergencyAccessListQuery): Promise<ListPage<EmergencyAccessView>> {
    return this.reviews.list(query);
  }

  @Post('emergency-accesses/:id/review')
  @HttpCode(200)
  @Roles('supervisor', 'auditor')
  @Audited('EmergencyAccess')
  @AuditedAction('update')
  @ApiOperation({ summary: 'Mark an emergency access reviewed (確認済), with an optional note' })
  @ApiOkResponse({ type: EmergencyAccessView })
  @ApiConflictResponse({ description: 'Already reviewed.' })
  review(@Param('id', ParseUUIDPipe) id: string, @Body() command: ReviewEmergencyAccessCommand): Promise<EmergencyAccessView> {
    return this.reviews.review(id, command);
  }
}
