import { ArrayType, Entity, Index, JsonType, Property, Unique } from '@mikro-orm/core';
import type { Accommodation, MenuStatus, OpportunitySource, ParticipationPurpose, PhysicalLoad, ResourceCategory, ResourceStatus } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import type { Availability } from '../needs/participation-need.entity';

/**
 * Something a person can join (DOMAIN §7.3 ParticipationMenu): either a copy of a registry community resource,
 * kept fresh by registry events (suspended or retired → no longer suggested), or a host's own menu.
 * Staff and hosts add the participation terms (schedule slots, seats, accommodations, load) to either.
 */
@Entity({ tableName: 'opportunity' })
@TenantScoped()
@Index({ properties: ['municipality', 'status'] })
// One copy per registry resource: two events of a new resource handled at once cannot both insert (the loser retries).
@Unique({ properties: ['municipality', 'resourceId'] })
export class Opportunity extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  source!: OpportunitySource;

  /** Registry community resource this copies (source registry-resource). */
  @Property({ type: 'uuid', nullable: true })
  resourceId: string | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  resourceCategory: ResourceCategory | null = null;

  /** The registry resource's own status, as the last event said. */
  @Property({ type: 'string', length: 20, nullable: true })
  resourceStatus: ResourceStatus | null = null;

  /** Time of the newest registry event applied (the relay may publish one resource's events out of order, ADR 0016). */
  @Property({ type: 'datetime', nullable: true })
  resourceEventAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  hostId: string | null = null;

  /** Organisation that runs it (registry id); agencies of this organisation see its matches. */
  @Property({ type: 'uuid', nullable: true })
  organizationId: string | null = null;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** 活動内容, e.g. カフェの接客・片付け. */
  @Property({ type: 'string', length: 200, nullable: true })
  activityType: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  purposes: ParticipationPurpose[] = [];

  /** Activity words matched against a person's interests (e.g. 園芸, 体操・運動). */
  @Property({ type: ArrayType, columnType: 'text[]' })
  activityTags: string[] = [];

  /** Weekday × time slot it runs; empty = to be confirmed. */
  @Property({ type: JsonType })
  sessions: Availability[] = [];

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property({ type: 'integer', nullable: true })
  seatsLeft: number | null = null;

  @Property({ type: 'uuid', nullable: true })
  districtId: string | null = null;

  /** Where (place name, not a person's address). */
  @Property({ type: 'string', length: 200, nullable: true })
  location: string | null = null;

  /** Fee per session in yen. */
  @Property({ type: 'integer' })
  fee = 0;

  /** ボランティア保険 covered. */
  @Property({ type: 'boolean' })
  volunteerInsurance = false;

  @Property({ type: ArrayType, columnType: 'text[]' })
  accommodations: Accommodation[] = [];

  @Property({ type: 'string', length: 20 })
  physicalLoad: PhysicalLoad = 'light';

  @Property({ type: 'integer', nullable: true })
  groupSize: number | null = null;

  @Property({ type: 'string', length: 20 })
  status: MenuStatus = 'preparing';
}
