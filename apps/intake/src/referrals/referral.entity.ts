import { Entity, Index, Property } from '@mikro-orm/core';
import type { LegalBasis, ReferralReason, ReferralStatus } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/** つなぎ (DOMAIN §7.1): handing a person to another organisation, tracked until it reports back. */
@Entity({ tableName: 'referral' })
@TenantScoped()
@Index({ properties: ['municipality', 'toOrganizationId', 'status'] })
@Index({ properties: ['municipality', 'fromOrganizationId', 'status'] })
@Index({ properties: ['municipality', 'consultationId'] })
@Index({ name: 'referral_person_idx', properties: ['personId', 'toOrganizationId'] })
export class Referral extends TenantEntity {
  @Property({ type: 'uuid' })
  consultationId!: string;

  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;

  @Property({ type: 'uuid' })
  fromOrganizationId!: string;

  @Property({ type: 'uuid' })
  toOrganizationId!: string;

  /** The Japanese date the referral was made (business days are counted from it). */
  @Property({ type: 'date' })
  referredOn!: string;

  /** 同行: staff accompany the person to the first contact. */
  @Property({ type: 'boolean' })
  accompanied = false;

  /** Basis the person's information is shared under (本人同意 / 106条の6 支援会議 / 通報). */
  @Property({ type: 'string', length: 30 })
  infoBasis!: LegalBasis;

  @Property({ type: 'uuid', nullable: true })
  consentId: string | null = null;

  /**
   * When the consent the referral rested on was withdrawn and no other consent of the person covers the receiving
   * organisation: the referral can no longer be accepted (it may be declined, e.g. 本人辞退). Cleared when a new
   * consent covers it again.
   */
  @Property({ type: 'datetime', nullable: true })
  consentLapsedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  mandatoryReportId: string | null = null;

  /** For the 106条の6 basis: which 支援会議 decided the sharing (until meetings are recorded here). */
  @Property({ type: 'text', nullable: true })
  basisNote: string | null = null;

  @Property({ type: 'string', length: 20 })
  status: ReferralStatus = 'requested';

  @Property({ type: 'date' })
  followUpDue!: string;

  @Property({ type: 'text', nullable: true })
  requestNote: string | null = null;

  @Property({ type: 'text', nullable: true })
  responseNote: string | null = null;

  /** Why it was declined (不受理) or failed (不調); null before reasons were recorded and while open or completed. */
  @Property({ type: 'string', length: 30, nullable: true })
  reasonCode: ReferralReason | null = null;

  @Property({ type: 'datetime', nullable: true })
  respondedAt: Date | null = null;

  /** First contact confirmed (完了) or given up (不調). */
  @Property({ type: 'date', nullable: true })
  firstContactOn: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;
}
