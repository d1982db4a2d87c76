import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { MandatoryReportDecided } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { paging } from '@tsunagu/platform-http';
import { DomainException } from '@tsunagu/platform-errors';
import { listPage, type ListPage, findOrFail, assertVersion } from '@tsunagu/platform-persistence';
import { EventRecorder } from '@tsunagu/platform-messaging';
import type { DecideMandatoryReportCommand, MandatoryReportListQuery, MandatoryReportView } from './consultation.dto';
import { mandatoryReportView } from './consultation.view';
import { MandatoryReport } from './mandatory-report.entity';

/** Records the 通報要否 decision: reported (with where to) or not required. */
@Injectable()
export class DecideMandatoryReportUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(id: string, command: DecideMandatoryReportCommand, expectedVersion?: number): Promise<MandatoryReportView> {
    return this.em.transactional(async (em) => {
      const report = await findOrFail(em, MandatoryReport, 'MandatoryReport', id);
      assertVersion(report, expectedVersion, 'MandatoryReport');
      if (report.status !== 'decision-pending') throw DomainException.invalidTransition('MandatoryReport', report.status, 'decide', []);
      if (command.decision === 'reported' && !command.reportedTo) throw DomainException.invalidField('reportedTo', 'say where it was reported');
      report.status = command.decision;
      report.decidedAt = new Date();
      report.decidedBy = TenantContext.principal()?.subject ?? null;
      report.reportedTo = command.reportedTo ?? null;
      report.note = command.note ?? null;
      await em.flush();
      this.events.record(em, MandatoryReportDecided, report.id, {
        mandatoryReportId: report.id,
        consultationId: report.consultationId,
        law: report.law,
        issueTag: report.issueTag,
        status: report.status,
      });
      return mandatoryReportView(report);
    });
  }
}

@Injectable()
export class ListMandatoryReportsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: MandatoryReportListQuery): Promise<ListPage<MandatoryReportView>> {
    const page = paging(query, ['createdAt', 'status', 'id'], '-createdAt');
    const where: FilterQuery<MandatoryReport> = { consultationId: query.consultationId, status: query.status };
    const [items, total] = await this.em.findAndCount(MandatoryReport, where, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map(mandatoryReportView), total, page);
  }

  async get(id: string): Promise<MandatoryReportView> {
    return mandatoryReportView(await findOrFail(this.em, MandatoryReport, 'MandatoryReport', id));
  }
}
