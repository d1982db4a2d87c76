import { ArrayType, Entity, Property, Unique } from '@mikro-orm/core';
import type { Accommodation, HostAgreementStatus, HostType, ParticipationPurpose } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/** 受入先 / 協力事業者 (DOMAIN §7.3): the terms on which a registry organisation takes people in. */
@Entity({ tableName: 'host' })
@TenantScoped()
@Unique({ properties: ['municipality', 'organizationId'] })
export class Host extends TenantEntity {
  /** Registry organisation (支援関係機関 / community group / company). */
  @Property({ type: 'uuid' })
  organizationId!: string;

  /** Display name (an organisation's public name, not personal data). */
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  hostTypes: HostType[] = [];

  @Property({ type: ArrayType, columnType: 'text[]' })
  accepts: ParticipationPurpose[] = [];

  /** 合理的配慮 the host offers on every menu. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  accommodations: Accommodation[] = [];

  @Property({ type: 'text', nullable: true })
  accommodationNotes: string | null = null;

  /** The host's contact person and how to reach them (担当者); shown to staff only. */
  @Property({ type: 'string', length: 200, nullable: true })
  contactPerson: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  districtIds: string[] = [];

  @Property({ type: 'string', length: 20 })
  agreementStatus: HostAgreementStatus = 'registered';

  @Property({ type: 'date' })
  registeredOn!: string;
}
