import { ArrayType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { ConsentScope, ConsentStatus } from '@tsunagu/contracts';
import { TenantScoped } from '@tsunagu/platform-persistence';

/**
 * What outreach knows of intake's consent ledger, fed by ConsentRecorded / Refused / Withdrawn (ids and
 * codes only). Keyed by intake's consent id; the latest event wins.
 */
@Entity({ tableName: 'consent_mirror' })
@TenantScoped()
@Index({ properties: ['municipality', 'personId'] })
export class ConsentMirror {
  @PrimaryKey({ type: 'uuid' })
  consentId!: string;

  @Property({ type: 'string', length: 6 })
  municipality!: string;

  @Property({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'string', length: 30 })
  scope!: ConsentScope;

  @Property({ type: ArrayType, columnType: 'text[]' })
  targetOrganizationIds: string[] = [];

  @Property({ type: 'string', length: 20 })
  status!: ConsentStatus;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
