import { Entity, Index } from '@mikro-orm/core';
import { TenantScoped } from '@tsunagu/platform-persistence';
import { ImportRunBase } from '@tsunagu/platform-import';
import type { ImportRecordType } from './import-templates';

/** One real import of one file: counts only (no file name, no cell), the audit record's resource. */
@Entity({ tableName: 'import_run' })
@TenantScoped()
@Index({ name: 'import_run_municipality_created_at_index', properties: ['municipality', 'createdAt'] })
export class ImportRun extends ImportRunBase<ImportRecordType> {}
