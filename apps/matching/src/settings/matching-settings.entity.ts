import { Entity, JsonType, Property, Unique } from '@mikro-orm/core';
import type { ScoreFactor } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/** The municipality's scoring weights (one row per municipality; absent = the engine's defaults). */
@Entity({ tableName: 'matching_settings' })
@TenantScoped()
@Unique({ properties: ['municipality'] })
export class MatchingSettings extends TenantEntity {
  @Property({ type: JsonType })
  weights!: Record<ScoreFactor, number>;

  @Property({ type: 'string', length: 200 })
  updatedBy!: string;
}
