import { Entity, Property } from '@mikro-orm/core';
import type { OrganizationType } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * The registry's organisations as a consuming service (intake, outreach, matching) knows them, from OrganizationRegistered / OrganizationUpdated:
 * the id (the registry's own), the municipality and the type — no names or contacts. Organisation ids in
 * requests are checked against it (organization-check.ts in this library).
 */
@Entity({ tableName: 'organization_copy' })
@TenantScoped()
export class OrganizationCopy extends TenantEntity {
  @Property({ type: 'string', length: 40 })
  type!: OrganizationType;

  /** Time of the event that last set it (events may arrive out of order; the newest wins). */
  @Property({ type: 'datetime' })
  eventAt!: Date;
}
