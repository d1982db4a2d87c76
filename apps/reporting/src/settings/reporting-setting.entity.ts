import { Entity, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/** Per-municipality reporting settings (one row per municipality). */
@Entity({ tableName: 'reporting_setting' })
@TenantScoped()
@Unique({ properties: ['municipality'] })
export class ReportingSetting extends TenantEntity {
  /** Published exports blank counts 1 … threshold-1 (小規模セルの秘匿). */
  @Property({ type: 'integer' })
  suppressionThreshold!: number;
}
