import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import type { ImportRecordType } from './import-templates';

/**
 * Which outreach record a row of the city's old system became (issue 19): the old system's id per municipality and
 * record type. A re-run finds the row here and writes nothing, and a contacts file names its targets by these ids.
 */
@Entity({ tableName: 'import_source' })
@TenantScoped()
@Unique({ name: 'import_source_unique', properties: ['municipality', 'recordType', 'sourceId'] })
export class ImportSource extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  recordType!: ImportRecordType;

  @Property({ type: 'string', length: 100 })
  sourceId!: string;

  @Property({ type: 'uuid' })
  targetId!: string;

  /** The import that created it. */
  @Property({ type: 'uuid' })
  runId!: string;
}

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
