import { ArrayType, Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { CoordinatorLayer } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import { Organization } from '../organizations/organization.entity';

/** 生活支援コーディネーター assignment: layer 1 city-wide, layer 2 per district, layer 3 inside a provider. */
@Entity({ tableName: 'coordinator' })
@TenantScoped()
@Index({ properties: ['municipality', 'layer'] })
export class Coordinator extends TenantEntity {
  /** Display name as staff see it (a work name, e.g. 「香南担当 SC」); staff identities live in the IdP. */
  @Property({ type: 'string', length: 100 })
  staffDisplayName!: string;

  /** Staff subject at the IdP, when the coordinator logs in. */
  @Property({ type: 'string', length: 200, nullable: true })
  staffSubject: string | null = null;

  @Property({ type: 'smallint' })
  layer!: CoordinatorLayer;

  @Property({ type: ArrayType, columnType: 'text[]' })
  districtIds: string[] = [];

  @ManyToOne({ entity: () => Organization, mapToPk: true, fieldName: 'employer_organization_id', nullable: true, deleteRule: 'restrict' })
  employerOrganizationId: string | null = null;

  @Property({ type: 'date' })
  assignedFrom!: string;

  @Property({ type: 'date', nullable: true })
  assignedTo: string | null = null;
}
