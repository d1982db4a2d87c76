import { Logger, type Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Entity, MikroORM, Property, RequestContext } from '@mikro-orm/core';
import { TenantContext, type Principal } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { loggableError } from '@tsunagu/platform-observability';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import type { ImportRecordsCommand, ImportReport } from './import-records';

/** How often a working replica writes the job's progress and heartbeat. */
const HEARTBEAT_MS = 1_000;
/** A running job whose heartbeat is older than this was cut off (its replica stopped): it is reported failed. */
export const IMPORT_JOB_STALE_MS = 60_000;

export const IMPORT_JOB_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** `Prefer: respond-async` (RFC 7240): the caller asks for the import in the background. */
export function prefersRespondAsync(prefer: string | undefined): boolean {
  return /\brespond-async\b/i.test(prefer ?? '');
}

/** The part of the HTTP reply an accepted import job sets (Fastify's reply is one). */
export interface ImportReply {
  status(code: number): { header(name: string, value: string): { header(name: string, value: string): unknown } };
}

/**
 * An import run in the background (`Prefer: respond-async`): a large file answers 202 at once and the console follows
 * its progress here, so no proxy's read timeout cuts a 100,000-row file off. Counts and the report only (problems name
 * a line and column in our words, never a cell), like the answer of an import in the request. Each service keeps its
 * jobs in its own schema's `import_job`.
 */
@Entity({ tableName: 'import_job' })
@TenantScoped()
export class ImportJob extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  recordType!: string;

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

  /** The desk of whoever asked for it (a desk's supervisor follows their desk's jobs only). */
  @Property({ type: 'uuid', nullable: true })
  organizationId: string | null = null;

  @Property({ type: 'string', length: 200 })
  requestedBy!: string;
}

/** An import in the background as `GET /imports/jobs/{id}` answers it. */
export interface ImportJobState<R extends ImportReport = ImportReport> {
  id: string;
  type: R['type'];
  dryRun: boolean;
  status: ImportJobStatus;
  rows: number;
  checkedRows: number;
  created: number;
  report: R | null;
  failure: string | null;
  requestedBy: string;
  requestedAt: string;
  finishedAt: string | null;
}

/** `GET /imports/jobs/{id}` over a service's record types and report (as ImportReportViewOf). */
export function ImportJobViewOf<T extends string, R extends ImportReport<T>>(types: readonly T[], report: Type<R>) {
  class ImportJobView implements ImportJobState<R> {
    @ApiProperty({ format: 'uuid' }) id!: string;
    @ApiProperty({ enum: types }) type!: T;
    @ApiProperty() dryRun!: boolean;
    @ApiProperty({ enum: IMPORT_JOB_STATUSES, description: 'failed: the file had problems (see report), or the job was cut off; nothing was imported.' })
    status!: ImportJobStatus;
    @ApiProperty({ type: 'integer', description: 'Data rows of the file (0 until it is read).' }) rows!: number;
    @ApiProperty({ type: 'integer', description: 'Rows checked so far.' }) checkedRows!: number;
    @ApiProperty({ type: 'integer', description: 'Records created so far (kept only if the whole file succeeds).' }) created!: number;
    @ApiProperty({ type: report, nullable: true, description: 'The report once finished, as the answer of an import in the request.' }) report!: R | null;
    @ApiProperty({ type: 'string', nullable: true, description: 'Why it failed, in Japanese (never a cell).' }) failure!: string | null;
    @ApiProperty() requestedBy!: string;
    @ApiProperty({ format: 'date-time' }) requestedAt!: string;
    @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt!: string | null;
  }
  return ImportJobView;
}

export function importJobView<R extends ImportReport>(job: ImportJob, now = new Date()): ImportJobState<R> {
  const cutOff = job.status === 'running' && now.getTime() - job.heartbeatAt.getTime() > IMPORT_JOB_STALE_MS;
  return {
    id: job.id,
    type: job.recordType as R['type'],
    dryRun: job.dryRun,
    status: cutOff ? 'failed' : job.status,
    rows: job.rows,
    checkedRows: job.checkedRows,
    created: job.created,
    report: (job.report as R | null) ?? null,
    failure: cutOff ? '取込みが途中で止まりました（サービスの再起動など）。何も取り込まれていません。もう一度実行してください' : job.failure,
    requestedBy: job.requestedBy,
    requestedAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** What a service gives its jobs: its import of one file, and whose desk a principal acts for. */
export interface ImportJobService<R extends ImportReport> {
  importFile(command: ImportRecordsCommand<R['type']>): Promise<R>;
  /** The principal's desk (organisation); undefined for the city's staff. */
  deskOf(principal?: Principal): string | undefined;
}

/**
 * データ取込 in the background: the request records the job and answers 202; the file is imported by the service's use
 * case (one transaction, all or nothing) in the caller's municipality and name, while a heartbeat writes how far it got.
 * A replica that stops mid-file rolls the import back with its connection; the job then reads as failed. Each service
 * provides one (`useFactory`) over its own import.
 */
export class ImportJobs<R extends ImportReport = ImportReport> {
  private readonly logger = new Logger('ImportJobs');

  constructor(
    private readonly orm: MikroORM,
    private readonly service: ImportJobService<R>,
  ) {}

  /**
   * A service's import POST after its file was read: imported now (the report), or — with `Prefer: respond-async` —
   * accepted as a job that answers 202 with its Location (`jobsPath`/{id}) and `Preference-Applied`.
   */
  async runOrAccept(
    command: Omit<ImportRecordsCommand<R['type']>, 'progress'>,
    request: { prefer?: string; reply: ImportReply; jobsPath: string },
    runNow: (command: Omit<ImportRecordsCommand<R['type']>, 'progress'>) => Promise<R>,
  ): Promise<R | ImportJobState<R>> {
    if (!prefersRespondAsync(request.prefer)) return runNow(command);
    const job = await this.accept(command);
    request.reply.status(202).header('location', `${request.jobsPath}/${job.id}`).header('preference-applied', 'respond-async');
    return job;
  }

  async accept(command: Omit<ImportRecordsCommand<R['type']>, 'progress'>): Promise<ImportJobState<R>> {
    const principal = TenantContext.principal();
    const municipality = TenantContext.current()?.municipality;
    if (!principal || !municipality) throw new Error('an import job needs the caller');
    const job = new ImportJob();
    job.municipality = municipality;
    job.recordType = command.type;
    job.dryRun = command.dryRun;
    job.organizationId = this.service.deskOf(principal) ?? null;
    job.requestedBy = principal.subject;
    const em = this.orm.em.fork();
    await em.persist(job).flush();
    // Detached from the request (its audit record and response are done with the 202), in the caller's name.
    setImmediate(() => {
      void TenantContext.run({ requestId: `import-job-${job.id}`, principal, municipality }, () => RequestContext.create(this.orm.em, () => this.work(job.id, command)));
    });
    return importJobView<R>(job);
  }

  async get(id: string): Promise<ImportJobState<R> | undefined> {
    const job = await this.orm.em.fork().findOne(ImportJob, { id });
    if (!job) return undefined;
    // A desk's supervisor follows the jobs of their desk; the city's (no agency) every job of the municipality.
    const agency = TenantContext.principal()?.agency;
    if (agency !== undefined && job.organizationId !== this.service.deskOf(TenantContext.principal())) return undefined;
    return importJobView<R>(job);
  }

  private async work(id: string, command: Omit<ImportRecordsCommand<R['type']>, 'progress'>): Promise<void> {
    const progress = { rows: 0, checkedRows: 0, created: 0 };
    const write = (changes: Partial<ImportJob>) => this.orm.em.fork().nativeUpdate(ImportJob, { id }, { ...changes, heartbeatAt: new Date() });
    let writing: Promise<unknown> = Promise.resolve();
    const heartbeat = setInterval(() => {
      writing = writing.then(() => write({ ...progress })).catch((error: unknown) => this.logger.warn({ job: id, error: loggableError(error) }, 'import job: progress not written'));
    }, HEARTBEAT_MS);
    try {
      const report = await this.service.importFile({ ...command, progress: (now) => Object.assign(progress, now) });
      clearInterval(heartbeat);
      await writing;
      await write({ status: 'succeeded', rows: report.rows, checkedRows: report.rows, created: report.created, report, finishedAt: new Date() });
    } catch (error) {
      clearInterval(heartbeat);
      await writing;
      // A file with problems: the report names them (lines and columns, our words); anything else is said in ours.
      const report = error instanceof DomainException ? ((error.details as { report?: ImportReport }).report ?? null) : null;
      if (!report) this.logger.error({ job: id, error: loggableError(error) }, 'import job failed');
      await write({
        status: 'failed',
        ...(report ? { rows: report.rows, report } : {}),
        failure: report ? `${report.problems.length}件の問題があるため、このファイルは取り込みませんでした` : '取込みに失敗しました。何も取り込まれていません。もう一度実行し、直らなければ管理者へ',
        finishedAt: new Date(),
      }).catch((writeError: unknown) => this.logger.error({ job: id, error: loggableError(writeError) }, 'import job: outcome not written'));
    }
  }
}
