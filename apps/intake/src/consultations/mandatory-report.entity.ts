import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { AbuseLaw, IssueTag, MandatoryReportStatus } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * 通報 record opened by an abuse tag (DOMAIN §3.1): the duty to report under the named law must be
 * decided. Reporting overrides consent and confidentiality, so it is its own record with its own basis.
 */
@Entity({ tableName: 'mandatory_report' })
@TenantScoped()
@Unique({ properties: ['consultationId', 'law'] })
@Index({ properties: ['municipality', 'status'] })
export class MandatoryReport extends TenantEntity {
  @Property({ type: 'uuid' })
  consultationId!: string;

  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;

  @Property({ type: 'string', length: 40 })
  law!: AbuseLaw;

  @Property({ type: 'string', length: 40 })
  issueTag!: IssueTag;

  @Property({ type: 'string', length: 20 })
  status: MandatoryReportStatus = 'decision-pending';

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  decidedBy: string | null = null;

  /** Where it was reported (e.g. 高松市 長寿福祉課, 児童相談所). */
  @Property({ type: 'string', length: 200, nullable: true })
  reportedTo: string | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
