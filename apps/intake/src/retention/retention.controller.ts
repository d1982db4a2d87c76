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
import { DestructionBatchesUseCase } from './destruction-batches.usecase';
import { ListDueRecordsUseCase } from './list-due-records.usecase';
import {
  ApproveDestructionCommand,
  DestructionBatchListQuery,
  DestructionBatchView,
  DestructionItemListQuery,
  DestructionItemView,
  LegalHoldListQuery,
  LegalHoldView,
  PlaceLegalHoldCommand,
  RetentionCheckView,
  RetentionRuleView,
  UpdateRetentionRuleCommand,
} from './retention.dto';
import { LegalHoldsUseCase, RetentionRulesUseCase } from './retention-policy.usecase';

/** Who oversees retention: the city's supervisors and admins; auditors read everything of it. */
const RETENTION_READERS = ['supervisor', 'auditor', 'admin'] as const;

@ApiTags('retention (保存期間・廃棄)')
@Controller()
export class RetentionController {
  constructor(
    private readonly rules: RetentionRulesUseCase,
    private readonly holds: LegalHoldsUseCase,
    private readonly batches: DestructionBatchesUseCase,
    private readonly check: ListDueRecordsUseCase,
  ) {}

  @Get('retention-rules')
  @Roles(...RETENTION_READERS)
  @Audited('RetentionRule')
  @ApiOperation({ summary: 'The municipality’s retention periods per record type (文書管理規程), the defaults seeded on first use' })
  @ApiOkResponse({ type: [RetentionRuleView] })
  listRules(): Promise<RetentionRuleView[]> {
    return this.rules.list();
  }

  @Patch('retention-rules/:recordType')
  @Roles('admin')
  @Audited('RetentionRule', { idParam: 'recordType' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Quoted version the edit is based on (412 when stale).' })
  @ApiOperation({ summary: 'Change a retention period or its action (a new rule version; records already listed keep theirs)' })
  @ApiOkResponse({ type: RetentionRuleView })
  @ApiNotFoundResponse({ description: 'Not a record type with a retention rule.' })
  updateRule(@Param('recordType') recordType: string, @Body() command: UpdateRetentionRuleCommand, @Headers('if-match') ifMatch?: string): Promise<RetentionRuleView> {
    return this.rules.update(recordType, command, expectedVersion(command.version, ifMatch));
  }

  @Get('legal-holds')
  @Roles(...RETENTION_READERS)
  @Audited('LegalHold')
  @ApiOperation({ summary: 'Legal holds (リーガルホールド), newest first' })
  @ApiOkResponse({ type: PageOf(LegalHoldView) })
  listHolds(@Query() query: LegalHoldListQuery): Promise<ListPage<LegalHoldView>> {
    return this.holds.list(query);
  }

  @Post('legal-holds')
  @Roles('supervisor', 'admin')
  @Audited('LegalHold')
  @ApiOperation({ summary: 'Place a legal hold (訴訟, 監査, 開示請求 …) on a person or record: it is never destroyed while the hold is in force (city staff only)' })
  @ApiCreatedResponse({ type: LegalHoldView })
  @ApiBadRequestResponse({ description: 'No such record, or `until` in the past.' })
  placeHold(@Body() command: PlaceLegalHoldCommand): Promise<LegalHoldView> {
    return this.holds.place(command);
  }

  @Post('legal-holds/:id/release')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @Audited('LegalHold')
  @AuditedAction('update')
  @ApiOperation({ summary: 'Release a legal hold (解除)' })
  @ApiOkResponse({ type: LegalHoldView })
  @ApiConflictResponse({ description: 'Already released.' })
  releaseHold(@Param('id', ParseUUIDPipe) id: string): Promise<LegalHoldView> {
    return this.holds.release(id);
  }

  @Post('retention-checks')
  @HttpCode(200)
  @Roles('admin')
  @Audited('DestructionBatch')
  @ApiOperation({ summary: 'Run the daily retention check now for the caller’s municipality: lists records due into a new batch, destroys nothing' })
  @ApiOkResponse({ type: RetentionCheckView })
  async runCheck(): Promise<RetentionCheckView> {
    const { ran, batchId, listed } = await this.check.forMunicipality(TenantContext.requireMunicipality());
    return { ran, batchId, listed };
  }

  @Get('destruction-batches')
  @Roles(...RETENTION_READERS)
  @Audited('DestructionBatch')
  @ApiOperation({ summary: 'Destruction batches (廃棄予定一覧), newest first' })
  @ApiOkResponse({ type: PageOf(DestructionBatchView) })
  listBatches(@Query() query: DestructionBatchListQuery): Promise<ListPage<DestructionBatchView>> {
    return this.batches.list(query);
  }

  @Get('destruction-batches/:id')
  @Roles(...RETENTION_READERS)
  @Audited('DestructionBatch')
  @ApiOkResponse({ type: DestructionBatchView })
  getBatch(@Param('id', ParseUUIDPipe) id: string): Promise<DestructionBatchView> {
    return this.batches.get(id);
  }

  @Get('destruction-batches/:id/items')
  @Roles(...RETENTION_READERS)
  @Audited('DestructionBatch')
  @ApiOperation({ summary: 'The records of a batch, by type and id (open a record itself to check it, audited as a read)' })
  @ApiOkResponse({ type: PageOf(DestructionItemView) })
  listItems(@Param('id', ParseUUIDPipe) id: string, @Query() query: DestructionItemListQuery): Promise<ListPage<DestructionItemView>> {
    return this.batches.items(id, query);
  }

  @Post('destruction-batches/:id/approve')
  @HttpCode(200)
  @Roles('supervisor')
  @Audited('DestructionBatch')
  @AuditedAction('delete')
  @ApiOperation({
    summary: 'Approve a batch (廃棄承認) and destroy its records as their rules say; city supervisors only',
    description: 'Items in `removeItemIds` stay. An item under a legal hold placed since listing is kept (status `held`). Persons destroyed are announced as person.destroyed so outreach and matching erase their copies.',
  })
  @ApiOkResponse({ type: DestructionBatchView })
  @ApiForbiddenResponse({ description: 'Not a supervisor of the city (contracted desks never approve destruction).' })
  @ApiConflictResponse({ description: 'The batch was already approved or rejected.' })
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() command: ApproveDestructionCommand): Promise<DestructionBatchView> {
    return this.batches.approve(id, command);
  }

  @Post('destruction-batches/:id/reject')
  @HttpCode(200)
  @Roles('supervisor')
  @Audited('DestructionBatch')
  @AuditedAction('update')
  @ApiOperation({ summary: 'Reject a batch: nothing is destroyed; its records are listed again only when their rule changes' })
  @ApiOkResponse({ type: DestructionBatchView })
  @ApiConflictResponse({ description: 'The batch was already approved or rejected.' })
  reject(@Param('id', ParseUUIDPipe) id: string): Promise<DestructionBatchView> {
    return this.batches.reject(id);
  }
}
