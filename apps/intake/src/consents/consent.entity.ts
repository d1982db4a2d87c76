import { ArrayType, Entity, Index, Property } from '@mikro-orm/core';
import type { ConsentMethod, ConsentScope, ConsentStatus } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * One entry of the consent ledger (同意, DOMAIN §7.0). Entries are never edited away: a withdrawal
 * sets status 撤回 and withdrawnAt on the entry it ends, so the history of what was allowed stays.
 */
@Entity({ tableName: 'consent' })
@TenantScoped()
@Index({ properties: ['municipality', 'personId', 'status'] })
export class Consent extends TenantEntity {
  @Property({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'string', length: 30 })
  scope!: ConsentScope;

  /** Organisations the consent covers; for 関係機関との情報共有 an empty list means every agency. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  targetOrganizationIds: string[] = [];

  @Property({ type: 'string', length: 30 })
  method!: ConsentMethod;

  @Property({ type: 'datetime' })
  obtainedAt!: Date;

  /** Subject (staff id) of who obtained or recorded it. */
  @Property({ type: 'string', length: 200 })
  obtainedBy!: string;

  @Property({ type: 'uuid', nullable: true })
  obtainedByOrganizationId: string | null = null;

  @Property({ type: 'string', length: 20 })
  status!: ConsentStatus;

  @Property({ type: 'datetime', nullable: true })
  withdrawnAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  withdrawalReason: string | null = null;

  /** Where the signed form is filed (document number, cabinet). */
  @Property({ type: 'string', length: 200, nullable: true })
  documentRef: string | null = null;
}
