import { Injectable, Logger } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { loggableError } from '@tsunagu/platform-observability';
import { PersonVisibility } from '../access/person-visibility';
import { ImportRecordsUseCase, type ImportRecordsCommand } from './import-records.usecase';
import { ImportJob } from './import.entities';
import type { ImportJobView, ImportReportView } from './import.dto';

/** How often a working replica writes the job's progress and heartbeat. */
const HEARTBEAT_MS = 1_000;
/** A running job whose heartbeat is older than this was cut off (its replica stopped): it is reported failed. */
export const IMPORT_JOB_STALE_MS = 60_000;

export function importJobView(job: ImportJob, now = new Date()): ImportJobView {
  const cutOff = job.status === 'running' && now.getTime() - job.heartbeatAt.getTime() > IMPORT_JOB_STALE_MS;
  return {
    id: job.id,
    type: job.recordType,
    dryRun: job.dryRun,
    status: cutOff ? 'failed' : job.status,
    rows: job.rows,
    checkedRows: job.checkedRows,
    created: job.created,
    report: (job.report as ImportReportView | null) ?? null,
    failure: cutOff ? '取込みが途中で止まりました（サービスの再起動など）。何も取り込まれていません。もう一度実行してください' : job.failure,
    requestedBy: job.requestedBy,
    requestedAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/**
 * データ取込 in the background: the request records the job and answers 202; the file is imported by the same use case
 * (one transaction, all or nothing) in the caller's municipality and name, while a heartbeat writes how far it got.
 * A replica that stops mid-file rolls the import back with its connection; the job then reads as failed.
 */
@Injectable()
export class ImportJobs {
  private readonly logger = new Logger('ImportJobs');

  constructor(
    private readonly orm: MikroORM,
    private readonly importRecords: ImportRecordsUseCase,
    private readonly people: PersonVisibility,
  ) {}

  async accept(command: Omit<ImportRecordsCommand, 'progress'>): Promise<ImportJobView> {
    const principal = TenantContext.principal();
    const municipality = TenantContext.current()?.municipality;
    if (!principal || !municipality) throw new Error('an import job needs the caller');
    const job = new ImportJob();
    job.municipality = municipality;
    job.recordType = command.type;
    job.dryRun = command.dryRun;
    job.organizationId = this.people.organizationOf(principal) ?? null;
    job.requestedBy = principal.subject;
    const em = this.orm.em.fork();
    await em.persist(job).flush();
    // Detached from the request (its audit record and response are done with the 202), in the caller's name.
    setImmediate(() => {
      void TenantContext.run({ requestId: `import-job-${job.id}`, principal, municipality }, () => RequestContext.create(this.orm.em, () => this.work(job.id, command)));
    });
    return importJobView(job);
  }

  async get(id: string): Promise<ImportJobView | undefined> {
    const job = await this.orm.em.fork().findOne(ImportJob, { id });
    if (!job) return undefined;
    // A desk's supervisor follows the jobs of their desk; the city's (no agency) every job of the municipality.
    const agency = TenantContext.principal()?.agency;
    if (agency !== undefined && job.organizationId !== this.people.organizationOf()) return undefined;
    return importJobView(job);
  }

  private async work(id: string, command: Omit<ImportRecordsCommand, 'progress'>): Promise<void> {
    const progress = { rows: 0, checkedRows: 0, created: 0 };
    const write = (changes: Partial<ImportJob>) => this.orm.em.fork().nativeUpdate(ImportJob, { id }, { ...changes, heartbeatAt: new Date() });
    let writing: Promise<unknown> = Promise.resolve();
    const heartbeat = setInterval(() => {
      writing = writing.then(() => write({ ...progress })).catch((error: unknown) => this.logger.warn({ job: id, error: loggableError(error) }, 'import job: progress not written'));
    }, HEARTBEAT_MS);
    try {
      const report = await this.importRecords.execute({ ...command, progress: (now) => Object.assign(progress, now) });
      clearInterval(heartbeat);
      await writing;
      await write({ status: 'succeeded', rows: report.rows, checkedRows: report.rows, created: report.created, report, finishedAt: new Date() });
    } catch (error) {
      clearInterval(heartbeat);
      await writing;
      // A file with problems: the report names them (lines and columns, our words); anything else is said in ours.
      const report = error instanceof DomainException ? ((error.details as { report?: ImportReportView }).report ?? null) : null;
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
