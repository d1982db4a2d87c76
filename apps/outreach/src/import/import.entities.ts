import { Entity, Index, Property } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import type { ImportRecordType } from './import-templates';

/** One real import of one file: counts only (no file name, no cell), the audit record's resource. */
@Entity({ tableName: 'import_run' })
@TenantScoped()
@Index({ name: 'import_run_municipality_created_at_index', properties: ['municipality', 'createdAt'] })
export class ImportRun extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  recordType!: ImportRecordType;

  @Property({ type: 'string', length: 10 })
  format!: 'csv' | 'xlsx';

  @Property({ type: 'string', length: 10 })
  encoding!: 'utf-8' | 'cp932' | 'xlsx';

  @Property({ type: 'integer' })
  rows!: number;

  @Property({ type: 'integer' })
  created!: number;

  @Property({ type: 'integer' })
  unchanged!: number;

  @Property({ type: 'string', length: 200 })
  importedBy!: string;
}
