import { ArrayType, Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { ConsentScope, ConsentStatus } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * What matching knows of intake's consent ledger, from ConsentRecorded / ConsentRefused / ConsentWithdrawn:
 * ids and codes only. The consent gate reads it before anything is shared with a host.
 */
@Entity({ tableName: 'consent_copy' })
@TenantScoped()
@Unique({ properties: ['municipality', 'consentId'] })
@Index({ properties: ['municipality', 'personId', 'scope'] })
export class ConsentCopy extends TenantEntity {
  @Property({ type: 'uuid' })
  consentId!: string;

  @Property({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'string', length: 30 })
  scope!: ConsentScope;

  /** Hosts the consent covers; empty = any host. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  targetOrganizationIds: string[] = [];

  @Property({ type: 'string', length: 20 })
  status!: ConsentStatus;

  /** Time of the event that set the status (events may arrive out of order; the newest wins). */
  @Property({ type: 'datetime' })
  statusAt!: Date;
}
