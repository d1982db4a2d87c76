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

  @Property({ type: 'integer' })
  duplicateCandidates!: number;

  /** The desk the records belong to (the importer's organisation). */
  @Property({ type: 'uuid', nullable: true })
  organizationId: string | null = null;

  @Property({ type: 'string', length: 200 })
  importedBy!: string;
}

export const IMPORT_JOB_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/**
 * An import run in the background (`Prefer: respond-async`): a large file answers 202 at once and the console follows
 * its progress here, so no proxy's read timeout cuts a 100,000-row file off. Counts and the report only (problems name
 * a line and column in our words, never a cell), like the answer of an import in the request.
 */
@Entity({ tableName: 'import_job' })
@TenantScoped()
export class ImportJob extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  recordType!: ImportRecordType;

  @Property({ type: 'boolean' })
  dryRun = false;

  @Property({ type: 'string', length: 10 })
  status: ImportJobStatus = 'running';

  /** Data rows of the file; 0 until it is read. */
  @Property({ type: 'integer' })
  rows = 0;

  @Property({ type: 'integer' })
  checkedRows = 0;

  @Property({ type: 'integer' })
  created = 0;

  /** The report once finished (dry run, success, or the problems that stopped it). */
  @Property({ type: 'json', nullable: true })
  report: object | null = null;

  /** Why the job failed when it is not the file's problems (our words). */
  @Property({ type: 'string', length: 200, nullable: true })
  failure: string | null = null;

  /** Written every few seconds while a replica works on it: a job whose heartbeat stops was cut off (a restart). */
  @Property({ type: 'datetime' })
  heartbeatAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  organizationId: string | null = null;

  @Property({ type: 'string', length: 200 })
  requestedBy!: string;
}
