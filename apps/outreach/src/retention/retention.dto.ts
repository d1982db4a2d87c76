import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  DESTRUCTION_BATCH_STATUSES,
  DESTRUCTION_ITEM_STATUSES,
  LEGAL_HOLD_REASONS,
  OUTREACH_LEGAL_HOLD_RECORD_TYPES,
  OUTREACH_RETENTION_RECORD_TYPES,
  OUTREACH_RETENTION_TRIGGERS,
  RETENTION_ACTIONS,
  type DestructionBatchStatus,
  type DestructionItemStatus,
  type LegalHoldReason,
  type OutreachLegalHoldRecordType,
  type OutreachRetentionRecordType,
  type OutreachRetentionTrigger,
  type RetentionAction,
} from '@tsunagu/contracts';
import { BooleanQuery, DateProperty, EnumQuery, ListQuery, UuidQuery, VersionProperty } from '@tsunagu/platform-http';

/*
 * The shapes of outreach's retention API: intake's (apps/intake/src/retention/retention.dto.ts) with outreach's record
 * types — the same screens and clients read both.
 */

export class OutreachRetentionRuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: OUTREACH_RETENTION_RECORD_TYPES }) recordType!: OutreachRetentionRecordType;
  @ApiProperty({ enum: OUTREACH_RETENTION_TRIGGERS, description: 'The latest of the last contact, the discovery (never contacted) and the closing; 年度末起算.' }) trigger!: OutreachRetentionTrigger;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, description: '保存期間 (years).' }) years!: number;
  @ApiProperty({ enum: RETENTION_ACTIONS, description: 'erase: place, notes and companions’ names cleared; delete: the target and its contacts, watch plan, alerts and hand-overs deleted.' }) action!: RetentionAction;
  @ApiProperty({ type: 'integer', description: 'The rule version (raised by every edit), named in the destruction log.' }) version!: number;
  @ApiProperty({ nullable: true, type: 'string', description: 'Admin who last changed the rule (null: the seeded default).' }) changedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UpdateOutreachRetentionRuleCommand {
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

export class PlaceOutreachLegalHoldCommand {
  @ApiProperty({ enum: OUTREACH_LEGAL_HOLD_RECORD_TYPES, description: 'A hold on a person (intake id) holds every target of the person.' })
  @IsIn(OUTREACH_LEGAL_HOLD_RECORD_TYPES)
  recordType!: OutreachLegalHoldRecordType;

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

export class OutreachLegalHoldListQuery extends ListQuery {
  @EnumQuery(OUTREACH_LEGAL_HOLD_RECORD_TYPES, 'Only holds on this record type.')
  recordType?: OutreachLegalHoldRecordType;

  @UuidQuery('Only holds on this record.')
  recordId?: string;

  @BooleanQuery('Only holds in force (true) or ended (false).')
  active?: boolean;
}

export class OutreachLegalHoldView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: OUTREACH_LEGAL_HOLD_RECORD_TYPES }) recordType!: OutreachLegalHoldRecordType;
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty({ enum: LEGAL_HOLD_REASONS }) reason!: LegalHoldReason;
  @ApiProperty() placedBy!: string;
  @ApiProperty({ format: 'date-time' }) placedAt!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) until!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) releasedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) releasedBy!: string | null;
  @ApiProperty({ description: 'In force today (not released, `until` not passed).' }) active!: boolean;
}

export class OutreachDestructionBatchListQuery extends ListQuery {
  @EnumQuery(DESTRUCTION_BATCH_STATUSES, 'Only batches in this status.')
  status?: DestructionBatchStatus;
}

export class OutreachDestructionBatchView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) listedAt!: string;
  @ApiProperty({ enum: DESTRUCTION_BATCH_STATUSES }) status!: DestructionBatchStatus;
  @ApiProperty({ type: 'integer' }) itemCount!: number;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string', description: 'Supervisor who approved or rejected it.' }) decidedBy!: string | null;
}

/** An item names the target by id only: the approver opens the target itself (audited) to check it. */
export class OutreachDestructionItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty({ enum: OUTREACH_RETENTION_RECORD_TYPES }) recordType!: OutreachRetentionRecordType;
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty({ format: 'uuid' }) ruleId!: string;
  @ApiProperty({ type: 'integer' }) ruleVersion!: number;
  @ApiProperty({ enum: RETENTION_ACTIONS }) action!: RetentionAction;
  @ApiProperty({ format: 'date', description: 'The date the period counted from.' }) triggeredOn!: string;
  @ApiProperty({ format: 'date', description: 'First day the target could be destroyed.' }) dueOn!: string;
  @ApiProperty({ enum: DESTRUCTION_ITEM_STATUSES }) status!: DestructionItemStatus;
}

export class OutreachDestructionItemListQuery extends ListQuery {
  @EnumQuery(DESTRUCTION_ITEM_STATUSES, 'Only items in this status.')
  status?: DestructionItemStatus;
}

export class ApproveOutreachDestructionCommand {
  @ApiPropertyOptional({ type: [String], maxItems: 1000, description: 'Items to take out of the batch before it is destroyed (they stay, and are not listed again under the same rule version).' })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  removeItemIds?: string[];
}

export class OutreachRetentionCheckView {
  @ApiProperty({ description: 'false when another replica held the municipality’s lock.' }) ran!: boolean;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid', description: 'The new batch (null: nothing newly due).' }) batchId!: string | null;
  @ApiProperty({ type: 'integer' }) listed!: number;
}
