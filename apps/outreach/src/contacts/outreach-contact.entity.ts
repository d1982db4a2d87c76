import { ArrayType, Entity, Index, JsonType, Property } from '@mikro-orm/core';
import type { ContactMethod, ContactResult, LegalBasis, ObservationCode, WatcherKind } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

export interface Companion {
  kind: WatcherKind;
  /** e.g. the 民生委員's name; kept here only, never in events. */
  name: string | null;
}

/** 訪問・接触記録 (DOMAIN §7.2): one attempt to reach the target, successful or not. Never edited. */
@Entity({ tableName: 'outreach_contact' })
@TenantScoped()
@Index({ properties: ['municipality', 'targetId', 'contactedAt'] })
export class OutreachContact extends TenantEntity {
  @Property({ type: 'uuid' })
  targetId!: string;

  @Property({ type: 'datetime' })
  contactedAt!: Date;

  @Property({ type: 'string', length: 20 })
  method!: ContactMethod;

  @Property({ type: 'string', length: 20 })
  result!: ContactResult;

  @Property({ type: ArrayType, columnType: 'text[]' })
  observations: ObservationCode[] = [];

  @Property({ type: 'text', nullable: true })
  observationNote: string | null = null;

  /** Who went along (同行者), e.g. the 民生委員. */
  @Property({ type: JsonType })
  accompaniedBy: Companion[] = [];

  @Property({ type: 'text', nullable: true })
  nextAction: string | null = null;

  @Property({ type: 'date', nullable: true })
  nextDueOn: string | null = null;

  /** Legal basis of what was recorded (InfoItem basis, DOMAIN §7.0). */
  @Property({ type: 'string', length: 30 })
  legalBasis!: LegalBasis;

  @Property({ type: 'string', length: 200 })
  recordedBy!: string;
}
