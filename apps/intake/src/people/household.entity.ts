import { Entity, Index, Property } from '@mikro-orm/core';
import type { CareEdgeKind, RelationToKey } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

export interface CareEdge {
  toPersonId: string;
  kind: CareEdgeKind;
}

/** HouseholdMember (DOMAIN §6.5, §7.0): relation to the key person and the care edges a genogram shows. */
export interface HouseholdMember {
  personId: string;
  relationToKey: RelationToKey;
  cohabiting: boolean;
  mainCarer: boolean;
  careEdges: CareEdge[];
}

/**
 * 世帯 as the support unit (実態の世帯), not the registered 住基 household: an 8050 parent and child may
 * be registered apart and still be one unit. Members are kept with the household they belong to.
 */
@Entity({ tableName: 'household' })
@TenantScoped()
@Index({ name: 'household_members_gin', expression: 'create index "household_members_gin" on "intake"."household" using gin ("members" jsonb_path_ops)' })
export class Household extends TenantEntity {
  /** e.g. 「○○家」 */
  @Property({ type: 'string', length: 100 })
  label!: string;

  @Property({ type: 'uuid', nullable: true })
  keyPersonId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  districtId: string | null = null;

  /** 住基 世帯番号 links, when the municipality allows them. */
  @Property({ type: 'json' })
  jukiSetaiNumbers: string[] = [];

  @Property({ type: 'json' })
  members: HouseholdMember[] = [];

  /** The desk that registered the household; null for households registered before desks did. */
  @Property({ type: 'uuid', nullable: true, fieldName: 'registered_by_organization' })
  registeredByOrganizationId: string | null = null;

  @Property({ type: 'text', hidden: true })
  searchText = '';
}
