import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantScoped } from '@tsunagu/platform-persistence';

/** Per-municipality outreach rules; absent rows fall back to OUTREACH_INACTIVITY_DAYS_DEFAULT. */
@Entity({ tableName: 'outreach_setting' })
@TenantScoped()
export class OutreachSetting {
  @PrimaryKey({ type: 'string', length: 6 })
  municipality!: string;

  @Property({ type: 'integer' })
  inactivityDays!: number;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  @Property({ type: 'string', length: 200 })
  updatedBy!: string;

  @Property({ type: 'integer', version: true })
  version!: number;
}
