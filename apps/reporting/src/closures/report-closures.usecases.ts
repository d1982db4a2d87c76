import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ReportFinalised, ReportReopened, type ReopenReason } from '@tsunagu/contracts';
import { InjectConfig } from '@tsunagu/platform-config';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { EventRecorder } from '@tsunagu/platform-messaging';
import type { ReportingConfig } from '../config';
import type { JigyoReport } from '../reports/jigyo/jigyo-report';
import { JigyoReportUseCase } from '../reports/jigyo/jigyo-report.usecase';
import { signClosure, TEST_SNAPSHOT_KEY, verifyClosure } from './closure-signature';
import { ReportClosure } from './report-closure.entity';

export interface ClosureView {
  id: string;
  fiscalYear: number;
  revision: number;
  status: 'closed' | 'reopened';
  closedAt: string;
  closedBy: string;
  supersedesId: string | null;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: ReopenReason | null;
  reopenNote: string | null;
  /** The stored figures still match their signature (false: changed in the database, or signed with another key). */
  signatureValid: boolean;
}

export interface FigureChange {
  jigyo: string;
  table: string;
  code: string | null;
  label: string;
  /** `YYYY-MM`, or 年度 for the row's total. */
  month: string;
  from: number | null;
  to: number | null;
}

/** Closing, reopening and reading the versions of a 年度 report (issue 17). */
@Injectable()
export class ReportClosures {
  constructor(
    private readonly em: EntityManager,
    private readonly jigyo: JigyoReportUseCase,
    private readonly events: EventRecorder,
    @InjectConfig() private readonly config: ReportingConfig,
  ) {}

  private key(): string {
    const key = this.config.REPORTING_SNAPSHOT_KEY;
    if (key && key.length >= 32) return key;
    if (!key && this.config.NODE_ENV === 'test') return TEST_SNAPSHOT_KEY;
    throw new DomainException(DomainErrorCode.Conflict, 'closing a 年度 needs REPORTING_SNAPSHOT_KEY (at least 32 characters) to sign the figures', { reason: 'snapshot-key-missing' });
  }

  private content(closure: ReportClosure) {
    return { municipality: closure.municipality, fiscalYear: closure.fiscalYear, revision: closure.revision, closedAt: closure.closedAt.toISOString(), figures: closure.figures };
  }

  view(closure: ReportClosure): ClosureView {
    let signatureValid = false;
    try {
      signatureValid = verifyClosure(this.key(), this.content(closure), closure.signature);
    } catch {
      signatureValid = false;
    }
    return {
      id: closure.id,
      fiscalYear: closure.fiscalYear,
      revision: closure.revision,
      status: closure.status,
      closedAt: closure.closedAt.toISOString(),
      closedBy: closure.closedBy,
      supersedesId: closure.supersedesId,
      reopenedAt: closure.reopenedAt?.toISOString() ?? null,
      reopenedBy: closure.reopenedBy,
      reopenReason: closure.reopenReason,
      reopenNote: closure.reopenNote,
      signatureValid,
    };
  }

  /** Every closing of the caller's municipality (the tenant filter scopes it), newest first; one 年度 when given. */
  async list(fiscalYear?: number): Promise<ClosureView[]> {
    const closures = await this.em.find(ReportClosure, fiscalYear === undefined ? {} : { fiscalYear }, { orderBy: { fiscalYear: 'desc', revision: 'desc' } });
    return closures.map((closure) => this.view(closure));
  }

  /** The closing in force for a 年度 (null while open), or a given revision (404 when there is none). */
  async figuresOf(fiscalYear: number, revision?: number): Promise<ReportClosure | null> {
    if (revision !== undefined) {
      const closure = await this.em.findOne(ReportClosure, { fiscalYear, revision });
      if (!closure) throw DomainException.notFound('ReportClosure', `${fiscalYear}/${revision}`);
      return closure;
    }
    return this.em.findOne(ReportClosure, { fiscalYear, status: 'closed' }, { orderBy: { revision: 'desc' } });
  }

  /** 確定: freezes the figures the projections hold now, signs them, and announces report.finalised through the outbox. */
  async close(municipality: string, fiscalYear: number, closedBy: string): Promise<ClosureView> {
    const key = this.key();
    const figures = await this.jigyo.liveFigures(municipality, fiscalYear);
    return this.em.transactional(async (em) => {
      // One closing at a time per 年度: the second waits, then sees the first and is refused.
      await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`report-closure:${municipality}:${fiscalYear}`], 'all', em.getTransactionContext());
      const latest = await em.findOne(ReportClosure, { fiscalYear }, { orderBy: { revision: 'desc' } });
      if (latest?.status === 'closed') {
        throw new DomainException(DomainErrorCode.Conflict, `${fiscalYear} is closed (revision ${latest.revision}); reopen it with a reason first`, { errors: { fiscalYear: 'already closed' } });
      }
      const closure = em.create(ReportClosure, {
        fiscalYear,
        revision: (latest?.revision ?? 0) + 1,
        status: 'closed',
        figures,
        closedAt: new Date(),
        closedBy,
        supersedesId: latest?.id ?? null,
      } as ReportClosure);
      closure.signature = signClosure(key, { municipality, fiscalYear, revision: closure.revision, closedAt: closure.closedAt.toISOString(), figures });
      this.events.record(em, ReportFinalised, closure.id, { closureId: closure.id, fiscalYear, revision: closure.revision, supersedesClosureId: closure.supersedesId, signature: closure.signature });
      await em.flush();
      return this.view(closure);
    });
  }

  /** Reopens the closing in force with a reason; it stays, marked reopened, beside the next closing. */
  async reopen(fiscalYear: number, reopenedBy: string, reason: ReopenReason, note: string | null): Promise<ClosureView> {
    return this.em.transactional(async (em) => {
      const closure = await em.findOne(ReportClosure, { fiscalYear, status: 'closed' }, { orderBy: { revision: 'desc' } });
      if (!closure) throw new DomainException(DomainErrorCode.Conflict, `${fiscalYear} is not closed`, { errors: { fiscalYear: 'not closed' } });
      closure.status = 'reopened';
      closure.reopenedAt = new Date();
      closure.reopenedBy = reopenedBy;
      closure.reopenReason = reason;
      closure.reopenNote = note;
      this.events.record(em, ReportReopened, closure.id, { closureId: closure.id, fiscalYear, revision: closure.revision, reasonCode: reason });
      await em.flush();
      return this.view(closure);
    });
  }

  /** What changed between two closings of a 年度, or between a closing and the live figures (to omitted). */
  async diff(municipality: string, fiscalYear: number, from: number, to?: number): Promise<FigureChange[]> {
    const before = ((await this.figuresOf(fiscalYear, from)) as ReportClosure).figures;
    const after = to === undefined ? await this.jigyo.liveFigures(municipality, fiscalYear) : ((await this.figuresOf(fiscalYear, to)) as ReportClosure).figures;
    const cells = (report: JigyoReport) => {
      const map = new Map<string, Omit<FigureChange, 'from' | 'to'> & { value: number | null }>();
      for (const sheet of report.sheets) {
        for (const table of sheet.tables) {
          for (const row of [...table.rows, ...(table.totalRow ? [table.totalRow] : [])]) {
            const entries: [string, number | null][] = [...row.cells.map((cell, j): [string, number | null] => [report.months[j], cell.value]), ['年度', row.total.value]];
            for (const [month, value] of entries) map.set(`${sheet.jigyo}|${table.key}|${row.code ?? ''}|${month}`, { jigyo: sheet.jigyo, table: table.key, code: row.code, label: row.label, month, value });
          }
        }
      }
      // 事業費 and staff are frozen with the counts, so a correction of them shows as a change too (table `cost`).
      for (const sheet of report.sheets) {
        const budget = report.budgets?.[sheet.jigyo];
        for (const [code, label, value] of [
          ['amount-yen', '事業費（円）', budget?.amountYen ?? null],
          ['staff-fte', '職員数（常勤換算）', budget?.staffFte ?? null],
        ] as const) {
          map.set(`${sheet.jigyo}|cost|${code}|年度`, { jigyo: sheet.jigyo, table: 'cost', code, label, month: '年度', value });
        }
      }
      return map;
    };
    const a = cells(before);
    const b = cells(after);
    const changes: FigureChange[] = [];
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(key);
      const y = b.get(key);
      const base = (x ?? y) as NonNullable<typeof x>;
      if ((x?.value ?? null) !== (y?.value ?? null)) changes.push({ jigyo: base.jigyo, table: base.table, code: base.code, label: base.label, month: base.month, from: x?.value ?? null, to: y?.value ?? null });
    }
    return changes;
  }
}
