import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction, subjectsAt } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, optionalVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import { CloseReferralWithReasonCommand, CompleteReferralCommand, ReferralListQuery, ReferralView, RequestReferralCommand, RespondReferralCommand } from './referral.dto';
import { GetReferralUseCase, ListReferralsUseCase } from './list-referrals.usecase';
import { RequestReferralUseCase } from './request-referral.usecase';
import { TransitionReferralUseCase } from './transition-referral.usecase';

@ApiTags('referrals (つなぎ)')
@Controller('referrals')
@Roles(...STAFF_AND_AGENCY_ROLES)
@Audited('Referral', { subjects: subjectsAt('personId') })
export class ReferralsController {
  constructor(
    private readonly list: ListReferralsUseCase,
    private readonly get: GetReferralUseCase,
    private readonly request: RequestReferralUseCase,
    private readonly transition: TransitionReferralUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List referrals; agency callers see only those to or from their organisation' })
  @ApiOkResponse({ type: PageOf(ReferralView) })
  findAll(@Query() query: ReferralListQuery): Promise<ListPage<ReferralView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ReferralView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<ReferralView> {
    return this.get.execute(id);
  }

  @Post()
  @ApiOperation({ summary: 'Refer (依頼); refused with 403 problem+json when no consent covers the organisation and no 106条の6 basis is given' })
  @ApiCreatedResponse({ type: ReferralView })
  @ApiForbiddenResponse({ description: 'code consent-required: no covering consent and no other basis.' })
  create(@Body() command: RequestReferralCommand): Promise<ReferralView> {
    return this.request.execute(command);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '依頼 → 受理 (by the receiving organisation, or a supervisor/admin of the municipality)' })
  @ApiOkResponse({ type: ReferralView })
  @ApiConflictResponse({ description: 'Not allowed from the current status.' })
  accept(@Param('id', ParseUUIDPipe) id: string, @Body() command: RespondReferralCommand, @Headers('if-match') ifMatch?: string): Promise<ReferralView> {
    return this.transition.execute(id, 'accept', { note: command.note, expectedVersion: optionalVersion(command.version, ifMatch) });
  }

  @Post(':id/decline')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '依頼 → 不受理, with a reason code (by the receiving organisation, or a supervisor/admin of the municipality)' })
  @ApiOkResponse({ type: ReferralView })
  @ApiBadRequestResponse({ description: 'reasonCode missing or unknown, or `other` without a note.' })
  @ApiForbiddenResponse({ description: 'The caller is neither the organisation referred to nor a supervisor/admin.' })
  @ApiConflictResponse({ description: 'Not allowed from the current status.' })
  decline(@Param('id', ParseUUIDPipe) id: string, @Body() command: CloseReferralWithReasonCommand, @Headers('if-match') ifMatch?: string): Promise<ReferralView> {
    return this.transition.execute(id, 'decline', { note: command.note, reasonCode: command.reasonCode, expectedVersion: optionalVersion(command.version, ifMatch) });
  }

  @Post(':id/complete')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '受理 → 完了 (first contact confirmed: the loop is closed)' })
  @ApiOkResponse({ type: ReferralView })
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() command: CompleteReferralCommand, @Headers('if-match') ifMatch?: string): Promise<ReferralView> {
    return this.transition.execute(id, 'complete', { note: command.note, firstContactOn: command.firstContactOn, expectedVersion: optionalVersion(command.version, ifMatch) });
  }

  @Post(':id/fail')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '受理 → 不調 (no contact could be made), with a reason code' })
  @ApiOkResponse({ type: ReferralView })
  @ApiBadRequestResponse({ description: 'reasonCode missing or unknown, or `other` without a note.' })
  @ApiForbiddenResponse({ description: 'The caller is neither the organisation referred to nor a supervisor/admin.' })
  @ApiConflictResponse({ description: 'Not allowed from the current status.' })
  fail(@Param('id', ParseUUIDPipe) id: string, @Body() command: CloseReferralWithReasonCommand, @Headers('if-match') ifMatch?: string): Promise<ReferralView> {
    return this.transition.execute(id, 'fail', { note: command.note, reasonCode: command.reasonCode, expectedVersion: optionalVersion(command.version, ifMatch) });
  }
}
