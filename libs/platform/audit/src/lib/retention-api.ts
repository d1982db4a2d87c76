import { Body, Headers, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
} from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  DESTRUCTION_BATCH_STATUSES,
  DESTRUCTION_ITEM_STATUSES,
  LEGAL_HOLD_REASONS,
  RETENTION_ACTIONS,
  type DestructionBatchStatus,
  type DestructionItemStatus,
  type LegalHoldReason,
  type RetentionAction,
} from '@tsunagu/contracts';
import { Roles } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { BooleanQuery, DateProperty, EnumQuery, ListQuery, PageOf, UuidQuery, VersionProperty, expectedVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { Audited, AuditedAction } from './audited.decorator';
import type { DestructionBatchShape, DestructionItemShape, LegalHoldShape } from './retention';
import type { RetentionCheck, RetentionCheckResult } from './retention-check';
import type { DestructionBatchesUseCaseBase, LegalHoldsUseCaseBase, RetentionRuleShape, RetentionRulesUseCaseBase } from './retention-usecases';

/*
 * The HTTP API of retention (rules, holds, the check, batches), the same paths and rules in every service that keeps
 * records of its own — only the record types and the wording of the docs differ. A service subclasses each shape under
 * its own name (the OpenAPI schema's) and the controller with its use cases.
 */

/** Record-type–independent shapes. */

export class RetentionRuleChange {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, description: '保存期間 in years, as the city’s 文書管理規程 sets it.' })
  @IsInt()
  @Min(1)
  @Max(100)
  years!: number;

  @ApiProperty({ enum: RETENTION_ACTIONS })
  @IsIn(RETENTION_ACTIONS)
  action!: RetentionAction;

  @VersionProperty()
  version?: number;
}

export class DestructionBatchListQueryBase extends ListQuery {
  @EnumQuery(DESTRUCTION_BATCH_STATUSES, 'Only batches in this status.')
  status?: DestructionBatchStatus;
}

export class DestructionBatchViewBase {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) listedAt!: string;
  @ApiProperty({ enum: DESTRUCTION_BATCH_STATUSES }) status!: DestructionBatchStatus;
  @ApiProperty({ type: 'integer' }) itemCount!: number;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string', description: 'Supervisor who approved or rejected it.' }) decidedBy!: string | null;
}

export class DestructionItemListQueryBase extends ListQuery {
  @EnumQuery(DESTRUCTION_ITEM_STATUSES, 'Only items in this status.')
  status?: DestructionItemStatus;
}

export class ApproveDestructionCommandBase {
  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'Items to take out of the batch before it is destroyed (they stay, and are not listed again under the same rule version).' })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  removeItemIds?: string[];
}

export class RetentionCheckViewBase {
  @ApiProperty({ description: 'false when another replica held the municipality’s lock.' }) ran!: boolean;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid', description: 'The new batch (null: nothing newly due).' }) batchId!: string | null;
  @ApiProperty({ type: 'integer' }) listed!: number;
}

/** The service's codes, and the wording of the fields whose meaning depends on them. */
export interface RetentionCodes<R extends string, H extends string, T extends string> {
  recordTypes: readonly R[];
  /** What a hold can be placed on (intake: its record types; outreach: a target or a person). */
  holdRecordTypes: readonly H[];
  triggers: readonly T[];
  describe: { trigger: string; action: string; holdRecordType: string; triggeredOn: string; dueOn: string };
}

/** The shapes that carry the service's codes (subclass each under the service's name). */
export function retentionShapes<R extends string, H extends string, T extends string>({ recordTypes, holdRecordTypes, triggers, describe }: RetentionCodes<R, H, T>) {
  class RuleView {
    @ApiProperty({ format: 'uuid' }) id!: string;
    @ApiProperty({ enum: recordTypes }) recordType!: R;
    @ApiProperty({ enum: triggers, description: describe.trigger }) trigger!: T;
    @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, description: '保存期間 (years).' }) years!: number;
    @ApiProperty({ enum: RETENTION_ACTIONS, description: describe.action }) action!: RetentionAction;
    @ApiProperty({ type: 'integer', description: 'The rule version (raised by every edit), named in the destruction log.' }) version!: number;
    @ApiProperty({ nullable: true, type: 'string', description: 'Admin who last changed the rule (null: the seeded default).' }) changedBy!: string | null;
    @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  }

  class PlaceHoldCommand {
    @ApiProperty({ enum: holdRecordTypes, description: describe.holdRecordType })
    @IsIn(holdRecordTypes)
    recordType!: H;

    @ApiProperty({ format: 'uuid' })
    @IsUUID('all')
    recordId!: string;

    @ApiProperty({ enum: LEGAL_HOLD_REASONS, description: '訴訟, 監査, 開示請求対応中 …: a code only, the matter stays in the city’s files.' })
    @IsIn(LEGAL_HOLD_REASONS)
    reason!: LegalHoldReason;

    @ApiPropertyOptional({ format: 'date', description: 'Last day of the hold (omit: until released).' })
    @IsOptional()
    @DateProperty()
    until?: string;
  }

  class HoldListQuery extends ListQuery {
    @EnumQuery(holdRecordTypes, 'Only holds on this record type.')
    recordType?: H;

    @UuidQuery('Only holds on this record.')
    recordId?: string;

    @BooleanQuery('Only holds in force (true) or ended (false).')
    active?: boolean;
  }

  class HoldView {
    @ApiProperty({ format: 'uuid' }) id!: string;
    @ApiProperty({ enum: holdRecordTypes }) recordType!: H;
    @ApiProperty({ format: 'uuid' }) recordId!: string;
    @ApiProperty({ enum: LEGAL_HOLD_REASONS }) reason!: LegalHoldReason;
    @ApiProperty() placedBy!: string;
    @ApiProperty({ format: 'date-time' }) placedAt!: string;
    @ApiProperty({ nullable: true, type: 'string', format: 'date' }) until!: string | null;
    @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) releasedAt!: string | null;
    @ApiProperty({ nullable: true, type: 'string' }) releasedBy!: string | null;
    @ApiProperty({ description: 'In force today (not released, `until` not passed).' }) active!: boolean;
  }

  /** An item names the record by type and id only: the approver opens the record itself (audited) to check it. */
  class ItemView {
    @ApiProperty({ format: 'uuid' }) id!: string;
    @ApiProperty({ format: 'uuid' }) batchId!: string;
    @ApiProperty({ enum: recordTypes }) recordType!: R;
    @ApiProperty({ format: 'uuid' }) recordId!: string;
    @ApiProperty({ format: 'uuid' }) ruleId!: string;
    @ApiProperty({ type: 'integer' }) ruleVersion!: number;
    @ApiProperty({ enum: RETENTION_ACTIONS }) action!: RetentionAction;
    @ApiProperty({ format: 'date', description: describe.triggeredOn }) triggeredOn!: string;
    @ApiProperty({ format: 'date', description: describe.dueOn }) dueOn!: string;
    @ApiProperty({ enum: DESTRUCTION_ITEM_STATUSES }) status!: DestructionItemStatus;
  }

  return { RuleView, PlaceHoldCommand, HoldListQuery, HoldView, ItemView };
}

/** The service's shape classes, as its OpenAPI names them. */
export interface RetentionApiShapes {
  RuleView: Type;
  UpdateRuleCommand: Type<RetentionRuleChange>;
  PlaceHoldCommand: Type;
  HoldListQuery: Type<ListQuery>;
  HoldView: Type;
  BatchListQuery: Type<DestructionBatchListQueryBase>;
  BatchView: Type<DestructionBatchViewBase>;
  ItemListQuery: Type<DestructionItemListQueryBase>;
  ItemView: Type;
  ApproveCommand: Type<ApproveDestructionCommandBase>;
  CheckView: Type<RetentionCheckViewBase>;
}

/** The operations' wording in the service's terms (records, targets …). */
export interface RetentionApiSummaries {
  listRules: string;
  updateRule: string;
  listHolds: string;
  placeHold: string;
  placeHoldBadRequest: string;
  runCheck: string;
  listBatches: string;
  listItems: string;
  approve: { summary: string; description: string };
  reject: string;
}

/** Who oversees retention: the city's supervisors and admins; auditors read everything of it. */
const RETENTION_READERS = ['supervisor', 'auditor', 'admin'] as const;

/**
 * The handlers' parameter types are the service's shapes, not known where the handlers are written: this sets what
 * validation and the OpenAPI document read (the decorator runs after TypeScript's own `design:paramtypes`).
 */
function ParamTypes(...types: unknown[]): MethodDecorator {
  return (target, key) => Reflect.defineMetadata('design:paramtypes', types, target, key);
}

/**
 * The retention controller's handlers, for a service to subclass with `@ApiTags` and `@Controller()` and its use cases:
 * `class XRetentionController extends retentionController(shapes, summaries) { constructor(…) { super(…) } }`.
 */
export function retentionController(shapes: RetentionApiShapes, summaries: RetentionApiSummaries) {
  abstract class RetentionControllerBase {
    constructor(
      protected readonly rules: RetentionRulesUseCaseBase<string, string>,
      protected readonly holds: LegalHoldsUseCaseBase<string>,
      protected readonly batches: DestructionBatchesUseCaseBase<string>,
      protected readonly check: RetentionCheck,
    ) {}

    @Get('retention-rules')
    @Roles(...RETENTION_READERS)
    @Audited('RetentionRule')
    @ApiOperation({ summary: summaries.listRules })
    @ApiOkResponse({ type: [shapes.RuleView] })
    listRules(): Promise<RetentionRuleShape<string, string>[]> {
      return this.rules.list();
    }

    @ParamTypes(String, shapes.UpdateRuleCommand, String)
    @Patch('retention-rules/:recordType')
    @Roles('admin')
    @Audited('RetentionRule', { idParam: 'recordType' })
    @ApiHeader({ name: 'If-Match', required: false, description: 'Quoted version the edit is based on (412 when stale).' })
    @ApiOperation({ summary: summaries.updateRule })
    @ApiOkResponse({ type: shapes.RuleView })
    @ApiNotFoundResponse({ description: 'Not a record type with a retention rule.' })
    updateRule(@Param('recordType') recordType: string, @Body() command: RetentionRuleChange, @Headers('if-match') ifMatch?: string): Promise<RetentionRuleShape<string, string>> {
      return this.rules.update(recordType, command, expectedVersion(command.version, ifMatch));
    }

    @ParamTypes(shapes.HoldListQuery)
    @Get('legal-holds')
    @Roles(...RETENTION_READERS)
    @Audited('LegalHold')
    @ApiOperation({ summary: summaries.listHolds })
    @ApiOkResponse({ type: PageOf(shapes.HoldView) })
    listHolds(@Query() query: ListQuery & { recordType?: string; recordId?: string; active?: boolean }): Promise<ListPage<LegalHoldShape<string>>> {
      return this.holds.list(query);
    }

    @ParamTypes(shapes.PlaceHoldCommand)
    @Post('legal-holds')
    @Roles('supervisor', 'admin')
    @Audited('LegalHold')
    @ApiOperation({ summary: summaries.placeHold })
    @ApiCreatedResponse({ type: shapes.HoldView })
    @ApiBadRequestResponse({ description: summaries.placeHoldBadRequest })
    placeHold(@Body() command: { recordType: string; recordId: string; reason: LegalHoldReason; until?: string }): Promise<LegalHoldShape<string>> {
      return this.holds.place(command);
    }

    @Post('legal-holds/:id/release')
    @HttpCode(200)
    @Roles('supervisor', 'admin')
    @Audited('LegalHold')
    @AuditedAction('update')
    @ApiOperation({ summary: 'Release a legal hold (解除)' })
    @ApiOkResponse({ type: shapes.HoldView })
    @ApiConflictResponse({ description: 'Already released.' })
    releaseHold(@Param('id', ParseUUIDPipe) id: string): Promise<LegalHoldShape<string>> {
      return this.holds.release(id);
    }

    @Post('retention-checks')
    @HttpCode(200)
    @Roles('admin')
    @Audited('DestructionBatch')
    @ApiOperation({ summary: summaries.runCheck })
    @ApiOkResponse({ type: shapes.CheckView })
    async runCheck(): Promise<Omit<RetentionCheckResult, 'municipality'>> {
      const { ran, batchId, listed } = await this.check.forMunicipality(TenantContext.requireMunicipality());
      return { ran, batchId, listed };
    }

    @ParamTypes(shapes.BatchListQuery)
    @Get('destruction-batches')
    @Roles(...RETENTION_READERS)
    @Audited('DestructionBatch')
    @ApiOperation({ summary: summaries.listBatches })
    @ApiOkResponse({ type: PageOf(shapes.BatchView) })
    listBatches(@Query() query: DestructionBatchListQueryBase): Promise<ListPage<DestructionBatchShape>> {
      return this.batches.list(query);
    }

    @Get('destruction-batches/:id')
    @Roles(...RETENTION_READERS)
    @Audited('DestructionBatch')
    @ApiOkResponse({ type: shapes.BatchView })
    getBatch(@Param('id', ParseUUIDPipe) id: string): Promise<DestructionBatchShape> {
      return this.batches.get(id);
    }

    @ParamTypes(String, shapes.ItemListQuery)
    @Get('destruction-batches/:id/items')
    @Roles(...RETENTION_READERS)
    @Audited('DestructionBatch')
    @ApiOperation({ summary: summaries.listItems })
    @ApiOkResponse({ type: PageOf(shapes.ItemView) })
    listItems(@Param('id', ParseUUIDPipe) id: string, @Query() query: DestructionItemListQueryBase): Promise<ListPage<DestructionItemShape<string>>> {
      return this.batches.items(id, query);
    }

    @ParamTypes(String, shapes.ApproveCommand)
    @Post('destruction-batches/:id/approve')
    @HttpCode(200)
    @Roles('supervisor')
    @Audited('DestructionBatch')
    @AuditedAction('delete')
    @ApiOperation(summaries.approve)
    @ApiOkResponse({ type: shapes.BatchView })
    @ApiForbiddenResponse({ description: 'Not a supervisor of the city (contracted desks never approve destruction).' })
    @ApiConflictResponse({ description: 'The batch was already approved or rejected.' })
    approve(@Param('id', ParseUUIDPipe) id: string, @Body() command: ApproveDestructionCommandBase): Promise<DestructionBatchShape> {
      return this.batches.approve(id, command);
    }

    @Post('destruction-batches/:id/reject')
    @HttpCode(200)
    @Roles('supervisor')
    @Audited('DestructionBatch')
    @AuditedAction('update')
    @ApiOperation({ summary: summaries.reject })
    @ApiOkResponse({ type: shapes.BatchView })
    @ApiConflictResponse({ description: 'The batch was already approved or rejected.' })
    reject(@Param('id', ParseUUIDPipe) id: string): Promise<DestructionBatchShape> {
      return this.batches.reject(id);
    }
  }
  return RetentionControllerBase;
}
