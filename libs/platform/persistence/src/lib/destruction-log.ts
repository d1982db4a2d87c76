import { Entity, Index, Property } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from './tenant-entity';

/**
 * 廃棄記録: what was destroyed, when, under which rule and version, approved by whom, in which batch. Ids and codes only —
 * no name, address or text of the record survives here (the retention tests check with marker values).
 * Each service keeps its own (intake for its records, outreach and matching for the copies they erase on
 * person.destroyed), each table created by the service's migration.
 */
@Entity({ tableName: 'destruction_log' })
@TenantScoped()
@Index({ properties: ['municipality', 'destroyedAt'] })
export class DestructionLog extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  recordType!: string;

  @Property({ type: 'uuid' })
  recordId!: string;

  /** erase or delete (the rule's action). */
  @Property({ type: 'string', length: 10 })
  action!: string;

  @Property({ type: 'uuid' })
  ruleId!: string;

  @Property({ type: 'integer' })
  ruleVersion!: number;

  @Property({ type: 'uuid' })
  batchId!: string;

  @Property({ type: 'string', length: 200 })
  approvedBy!: string;

  @Property({ type: 'datetime' })
  destroyedAt!: Date;
}
