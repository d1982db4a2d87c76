import { Entity, Index, Property } from '@mikro-orm/core';
import { TenantScoped } from '@tsunagu/platform-persistence';
import { ImportRunBase } from '@tsunagu/platform-import';
import type { ImportRecordType } from './import-templates';

/** One real import of one file: counts only (no file name, no cell), the audit record's resource (GET /imports/{id}). */
@Entity({ tableName: 'import_run' })
@TenantScoped()
@Index({ name: 'import_run_municipality_created_at_index', properties: ['municipality', 'createdAt'] })
export class ImportRun extends ImportRunBase<ImportRecordType> {
  @Property({ type: 'integer' })
  duplicateCandidates!: number;

  /** The desk the records belong to (the importer's organisation). */
  @Property({ type: 'uuid', nullable: true })
  organizationId: string | null = null;
}
