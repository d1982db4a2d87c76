import { ArrayType, Entity, Index, JsonType, Property } from '@mikro-orm/core';
import type { Accommodation, NeedStatus, ParticipationPurpose, PhysicalLoad, TimeSlot, TravelMeans, TravelRange, Weekday } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

export interface Availability {
  weekday: Weekday;
  slot: TimeSlot;
}

/**
 * 参加ニーズ (DOMAIN §7.3): what a person wants to take part in and what limits them. Only intake's person id
 * links it to the person — no name, address or birth date is copied here. Interests and notes are the
 * staff's words about the person and never leave this service.
 */
@Entity({ tableName: 'participation_need' })
@TenantScoped()
@Index({ properties: ['municipality', 'personId'] })
@Index({ properties: ['municipality', 'status'] })
export class ParticipationNeed extends TenantEntity {
  @Property({ type: 'uuid' })
  personId!: string;

  /** Intake's multi-agency case, when the need comes from a support plan. */
  @Property({ type: 'uuid', nullable: true })
  caseId: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  purposes: ParticipationPurpose[] = [];

  /** Interest words (関心), e.g. 園芸, カフェ; matched against activity tags. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  interests: string[] = [];

  @Property({ type: 'uuid', nullable: true })
  homeDistrictId: string | null = null;

  /**
   * The person is under DV address protection in intake (from its person.protection-changed): home and preferred
   * districts are masked for roles outside MATCHING_DV_ADDRESS_ROLES and never leave matching in an event.
   */
  @Property({ type: 'boolean' })
  addressProtected = false;

  /** Neighbouring and preferred districts (希望地区). */
  @Property({ type: ArrayType, columnType: 'text[]' })
  preferredDistrictIds: string[] = [];

  @Property({ type: 'string', length: 20 })
  travelRange: TravelRange = 'nearby-districts';

  @Property({ type: ArrayType, columnType: 'text[]' })
  travelMeans: TravelMeans[] = [];

  @Property({ type: JsonType })
  availability: Availability[] = [];

  /** 体調: the heaviest activity their health allows; null = no limit. */
  @Property({ type: 'string', length: 20, nullable: true })
  maxPhysicalLoad: PhysicalLoad | null = null;

  /** 対人不安: the largest group they can join; null = no limit. */
  @Property({ type: 'integer', nullable: true })
  maxGroupSize: number | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  accommodations: Accommodation[] = [];

  /** Most they can pay per session (yen). */
  @Property({ type: 'integer', nullable: true })
  maxFee: number | null = null;

  /** Staff notes on health, anxieties and considerations (配慮事項); never on the bus. */
  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Property({ type: 'string', length: 20 })
  status: NeedStatus = 'hearing';

  @Property({ type: 'date' })
  registeredOn!: string;

  @Property({ type: 'string', length: 200 })
  registeredBy!: string;
}
