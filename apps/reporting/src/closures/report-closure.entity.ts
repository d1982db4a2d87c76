import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { ReopenReason } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import type { JigyoReport } from '../reports/jigyo/jigyo-report';

/**
 * One closing (確定) of a 年度 report (issue 17): the per-事業 figures frozen as they were, signed. A reopening
 * marks it `reopened` and keeps it; the next closing is revision n+1 and names the one it replaces. Figures are
 * aggregates only (no person, no pseudonym); the reopening note is staff text that never leaves reporting.
 */
@Entity({ tableName: 'report_closure' })
@TenantScoped()
@Unique({ properties: ['municipality', 'fiscalYear', 'revision'] })
@Index({ properties: ['municipality', 'fiscalYear'] })
export class ReportClosure extends TenantEntity {
  @Property({ type: 'integer' })
  fiscalYear!: number;

  @Property({ type: 'integer' })
  revision!: number;

  /** closed — the figures in force for the 年度; reopened — kept for the record, replaced by the next closing. */
  @Property({ type: 'string', length: 20 })
  status: 'closed' | 'reopened' = 'closed';

  @Property({ type: 'json' })
  figures!: JigyoReport;

  /** HMAC-SHA256 (base64url) of the canonical JSON of municipality, 年度, revision, closing time and figures. */
  @Property({ type: 'string', length: 43 })
  signature!: string;

  @Property({ type: 'datetime' })
  closedAt!: Date;

  /** Subject of the supervisor who closed it (accountability; staff, not a person supported). */
  @Property({ type: 'string', length: 200 })
  closedBy!: string;

  @Property({ type: 'uuid', nullable: true })
  supersedesId: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  reopenedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  reopenedBy: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  reopenReason: ReopenReason | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  reopenNote: string | null = null;
}
