import { Entity, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/** 自治体: the tenant itself, with the switches that change how the programme runs there (DOMAIN §7.0). */
@Entity({ tableName: 'municipality' })
@TenantScoped()
@Unique({ properties: ['lgCode'] })
export class Municipality extends TenantEntity {
  /** 全国地方公共団体コード with check digit, e.g. 372013. */
  @Property({ type: 'string', length: 6 })
  lgCode!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 10, nullable: true })
  prefecture: string | null = null;

  /** MM-DD on which the 年度 starts; 04-01 everywhere today, kept configurable. */
  @Property({ type: 'string', length: 5 })
  fiscalYearStart = '04-01';

  /** Runs 重層的支援体制整備事業 (第106条の4). */
  @Property({ type: 'boolean' })
  jusouEnabled = true;

  /** Convenes 支援会議 under 第106条の6 (may be true even without 重層, see DOMAIN §0.6). */
  @Property({ type: 'boolean', fieldName: 'support_meeting_106_6_enabled' })
  supportMeeting1066Enabled = true;
}
