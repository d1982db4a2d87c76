import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { DestructionBatchStatus, DestructionItemStatus, LegalHoldReason, RetentionAction, RetentionRecordType, RetentionTrigger } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * One period of the city's 文書管理規程 (DOMAIN §5.3): records of a type are due for destruction `years` after the
 * trigger, counted from the end of the 年度 the trigger falls in (年度末起算). The optimistic-lock `version` is the rule's
 * version: every edit raises it, and the destruction log names the version a record was destroyed under.
 */
@Entity({ tableName: 'retention_rule' })
@TenantScoped()
@Unique({ properties: ['municipality', 'recordType'] })
export class RetentionRule extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  recordType!: RetentionRecordType;

  @Property({ type: 'string', length: 30 })
  trigger!: RetentionTrigger;

  @Property({ type: 'integer' })
  years!: number;

  @Property({ type: 'string', length: 10 })
  action!: RetentionAction;

  /** Subject of the admin who last changed it (null for the seeded default). */
  @Property({ type: 'string', length: 200, nullable: true })
  changedBy: string | null = null;
}

/**
 * リーガルホールド: while in force (not released, `until` not passed) the record — and, on a person, every record of the
 * person — is never destroyed. Reason code only: the matter itself stays in the city's own files.
 */
@Entity({ tableName: 'legal_hold' })
@TenantScoped()
@Index({ name: 'legal_hold_record_idx', properties: ['municipality', 'recordType', 'recordId'] })
export class LegalHold extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  recordType!: RetentionRecordType;

  @Property({ type: 'uuid' })
  recordId!: string;

  @Property({ type: 'string', length: 30 })
  reason!: LegalHoldReason;

  @Property({ type: 'string', length: 200 })
  placedBy!: string;

  @Property({ type: 'datetime' })
  placedAt!: Date;

  /** The hold ends by itself after this day (null: until released). */
  @Property({ type: 'date', nullable: true })
  until: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  releasedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  releasedBy: string | null = null;
}

/** 廃棄予定一覧: what one run of the retention check found due, waiting for a city supervisor's approval. */
@Entity({ tableName: 'destruction_batch' })
@TenantScoped()
@Index({ properties: ['municipality', 'status', 'listedAt'] })
export class DestructionBatch extends TenantEntity {
  @Property({ type: 'datetime' })
  listedAt!: Date;

  @Property({ type: 'string', length: 20 })
  status: DestructionBatchStatus = 'pending-approval';

  @Property({ type: 'integer' })
  itemCount = 0;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  decidedBy: string | null = null;
}

/**
 * One record of a batch. A record is listed once (the partial unique index of Migration20261204160000 keeps one live
 * item per record): a removed item is listed again only when its rule changes.
 */
@Entity({ tableName: 'destruction_item' })
@TenantScoped()
@Index({ properties: ['batchId'] })
@Index({ name: 'destruction_item_record_idx', properties: ['municipality', 'recordType', 'recordId'] })
export class DestructionItem extends TenantEntity {
  @Property({ type: 'uuid' })
  batchId!: string;

  @Property({ type: 'string', length: 30 })
  recordType!: RetentionRecordType;

  @Property({ type: 'uuid' })
  recordId!: string;

  @Property({ type: 'uuid' })
  ruleId!: string;

  @Property({ type: 'integer' })
  ruleVersion!: number;

  @Property({ type: 'string', length: 10 })
  action!: RetentionAction;

  /** The trigger date and the first day the record could be destroyed. */
  @Property({ type: 'date' })
  triggeredOn!: string;

  @Property({ type: 'date' })
  dueOn!: string;

  @Property({ type: 'string', length: 20 })
  status: DestructionItemStatus = 'pending';
}
