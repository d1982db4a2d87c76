import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited, AuditedAction } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { PageOf, expectedVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { OutreachDestructionBatchesUseCase } from './destruction-batches.usecase';
import { ListDueTargetsUseCase } from './list-due-targets.usecase';
import {
  ApproveOutreachDestructionCommand,
  OutreachDestructionBatchListQuery,
  OutreachDestructionBatchView,
  OutreachDestructionItemListQuery,
  OutreachDestructionItemView,
  OutreachLegalHoldListQuery,
  OutreachLegalHoldView,
  OutreachRetentionCheckView,
  OutreachRetentionRuleView,
  PlaceOutreachLegalHoldCommand,
  UpdateOutreachRetentionRuleCommand,
} from './retention.dto';
import { OutreachLegalHoldsUseCase, OutreachRetentionRuleUseCase } from './retention-policy.usecase';

/** Who oversees retention: the city's supervisors and admins; auditors read everything of it (as in intake). */
const RETENTION_READERS = ['supervisor', 'auditor', 'admin'] as const;

/** Outreach's own retention of targets (issue 19): the same paths and rules as intake's, under /api/outreach. */
@ApiTags('retention (保存期間・廃棄)')
@Controller()
export class OutreachRetentionController {
  constructor(
    private readonly rules: OutreachRetentionRuleUseCase,
    private readonly holds: OutreachLegalHoldsUseCase,
    private readonly batches: OutreachDestructionBatchesUseCase,
    private readonly check: ListDueTargetsUseCase,
  ) {}

  @Get('retention-rules')
  @Roles(...RETENTION_READERS)
  @Audited('RetentionRule')
  @ApiOperation({ summary: 'The municipality’s retention period for outreach targets (文書管理規程), the default (3 years from the last contact) seeded on first use' })
  @ApiOkResponse({ type: [OutreachRetentionRuleView] })
  listRules(): Promise<OutreachRetentionRuleView[]> {
    return this.rules.list();
  }

  @Patch('retention-rules/:recordType')
  @Roles('admin')
  @Audited('RetentionRule', { idParam: 'recordType' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Quoted version the edit is based on (412 when stale).' })
  @ApiOperation({ summary: 'Change the retention period or its action (a new rule version; targets already listed keep theirs)' })
  @ApiOkResponse({ type: OutreachRetentionRuleView })
  @ApiNotFoundResponse({ description: 'Not a record type with a retention rule.' })
  updateRule(@Param('recordType') recordType: string, @Body() command: UpdateOutreachRetentionRuleCommand, @Headers('if-match') ifMatch?: string): Promise<OutreachRetentionRuleView> {
    return this.rules.update(recordType, command, expectedVersion(command.version, ifMatch));
  }

  @Get('legal-holds')
  @Roles(...RETENTION_READERS)
  @Audited('LegalHold')
  @ApiOperation({ summary: 'Legal holds (リーガルホールド) on targets, newest first' })
  @ApiOkResponse({ type: PageOf(OutreachLegalHoldView) })
  listHolds(@Query() query: OutreachLegalHoldListQuery): Promise<ListPage<OutreachLegalHoldView>> {
    return this.holds.list(query);
  }

  @Post('legal-holds')
  @Roles('supervisor', 'admin')
  @Audited('LegalHold')
  @ApiOperation({ summary: 'Place a legal hold (訴訟, 監査, 開示請求 …) on a target or on every target of a person: never destroyed while in force (city staff only)' })
  @ApiCreatedResponse({ type: OutreachLegalHoldView })
  @ApiBadRequestResponse({ description: 'No such target or person, or `until` in the past.' })
  placeHold(@Body() command: PlaceOutreachLegalHoldCommand): Promise<OutreachLegalHoldView> {
    return this.holds.place(command);
  }

  @Post('legal-holds/:id/release')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @Audited('LegalHold')
  @AuditedAction('update')
  @ApiOperation({ summary: 'Release a legal hold (解除)' })
  @ApiOkResponse({ type: OutreachLegalHoldView })
  @ApiConflictResponse({ description: 'Already released.' })
  releaseHold(@Param('id', ParseUUIDPipe) id: string): Promise<OutreachLegalHoldView> {
    return this.holds.release(id);
  }

  @Post('retention-checks')
  @HttpCode(200)
  @Roles('admin')
  @Audited('DestructionBatch')
  @ApiOperation({ summary: 'Run the daily retention check now for the caller’s municipality: lists targets due into a new batch, destroys nothing' })
  @ApiOkResponse({ type: OutreachRetentionCheckView })
  async runCheck(): Promise<OutreachRetentionCheckView> {
    const { ran, batchId, listed } = await this.check.forMunicipality(TenantContext.requireMunicipality());
    return { ran, batchId, listed };
  }

  @Get('destruction-batches')
  @Roles(...RETENTION_READERS)
  @Audited('DestructionBatch')
  @ApiOperation({ summary: 'Destruction batches of targets (廃棄予定一覧), newest first' })
  @ApiOkResponse({ type: PageOf(OutreachDestructionBatchView) })
  listBatches(@Query() query: OutreachDestructionBatchListQuery): Promise<ListPage<OutreachDestructionBatchView>> {
    return this.batches.list(query);
  }

  @Get('destruction-batches/:id')
  @Roles(...RETENTION_READERS)
  @Audited('DestructionBatch')
  @ApiOkResponse({ type: OutreachDestructionBatchView })
  getBatch(@Param('id', ParseUUIDPipe) id: string): Promise<OutreachDestructionBatchView> {
    return this.batches.get(id);
  }

  @Get('destruction-batches/:id/items')
  @Roles(...RETENTION_READERS)
  @Audited('DestructionBatch')
  @ApiOperation({ summary: 'The targets of a batch, by id (open a target itself to check it, audited as a read)' })
  @ApiOkResponse({ type: PageOf(OutreachDestructionItemView) })
  listItems(@Param('id', ParseUUIDPipe) id: string, @Query() query: OutreachDestructionItemListQuery): Promise<ListPage<OutreachDestructionItemView>> {
    return this.batches.items(id, query);
  }

  @Post('destruction-batches/:id/approve')
  @HttpCode(200)
  @Roles('supervisor')
  @Audited('DestructionBatch')
  @AuditedAction('delete')
  @ApiOperation({
    summary: 'Approve a batch (廃棄承認) and destroy its targets as the rule says, in one transaction; city supervisors only',
    description: 'Items in `removeItemIds` stay. A target under a legal hold placed since listing is kept (`held`), one no longer due is kept (`not-due`). Each destroyed target is logged and announced as outreach.target.destroyed.',
  })
  @ApiOkResponse({ type: OutreachDestructionBatchView })
  @ApiForbiddenResponse({ description: 'Not a supervisor of the city (contracted desks never approve destruction).' })
  @ApiConflictResponse({ description: 'The batch was already approved or rejected.' })
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() command: ApproveOutreachDestructionCommand): Promise<OutreachDestructionBatchView> {
    return this.batches.approve(id, command);
  }

  @Post('destruction-batches/:id/reject')
  @HttpCode(200)
  @Roles('supervisor')
  @Audited('DestructionBatch')
  @AuditedAction('update')
  @ApiOperation({ summary: 'Reject a batch: nothing is destroyed; its targets are listed again only when the rule changes' })
  @ApiOkResponse({ type: OutreachDestructionBatchView })
  @ApiConflictResponse({ description: 'The batch was already approved or rejected.' })
  reject(@Param('id', ParseUUIDPipe) id: string): Promise<OutreachDestructionBatchView> {
    return this.batches.reject(id);
  }
}
