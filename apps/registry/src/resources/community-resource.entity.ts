import { ArrayType, BeforeCreate, BeforeUpdate, Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import type {
  InsuranceScheme,
  ResourceActivity,
  ResourceCategory,
  ResourceEligibility,
  ResourceStatus,
  ScheduleFrequency,
  Weekday,
} from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import { searchText } from '../shared/japanese-text';
import { Organization, type ContactInfo } from '../organizations/organization.entity';

/**
 * 地域資源 / 支え合いサービス (DOMAIN §7.4): a place, group or service residents can be connected to.
 * The schedule is kept in columns (not JSON) so "which resources run on Friday" is an indexed filter.
 */
@Entity({ tableName: 'community_resource' })
@TenantScoped()
@Index({ properties: ['municipality', 'status', 'public'] })
@Index({ name: 'community_resource_district_ids_gin', expression: 'create index "community_resource_district_ids_gin" on "registry"."community_resource" using gin ("district_ids")' })
@Index({
  name: 'community_resource_search_text_trgm',
  expression: 'create index "community_resource_search_text_trgm" on "registry"."community_resource" using gin ("search_text" gin_trgm_ops)',
})
export class CommunityResource extends TenantEntity {
  @Property({ type: 'string', length: 200 })
  name!: string;

  /** Reading of the name in katakana, so かな/カナ searches find kanji names. */
  @Property({ type: 'string', length: 200 })
  kana = '';

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @ManyToOne({ entity: () => Organization, mapToPk: true, fieldName: 'organization_id', nullable: true, deleteRule: 'restrict' })
  organizationId: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  districtIds: string[] = [];

  @Property({ type: 'string', length: 40 })
  category!: ResourceCategory;

  @Property({ type: 'string', length: 40 })
  insuranceScheme!: InsuranceScheme;

  @Property({ type: ArrayType, columnType: 'text[]' })
  activities: ResourceActivity[] = [];

  @Property({ type: 'string', length: 40 })
  eligibility: ResourceEligibility = 'anyone';

  @Property({ type: 'string', length: 10, nullable: true })
  scheduleFrequency: ScheduleFrequency | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  scheduleWeekdays: Weekday[] = [];

  @Property({ type: 'string', length: 5, nullable: true })
  scheduleOpensAt: string | null = null;

  @Property({ type: 'string', length: 5, nullable: true })
  scheduleClosesAt: string | null = null;

  /** Free text for what the rule cannot say (e.g. 第2・第4金曜, 祝日休み). */
  @Property({ type: 'text', nullable: true })
  scheduleNote: string | null = null;

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  /** As published, e.g. 「1回100円」 or 「無料」. */
  @Property({ type: 'string', length: 200, nullable: true })
  fee: string | null = null;

  @Property({ type: 'json', nullable: true })
  contact: ContactInfo | null = null;

  /** Listed publicly (the deck's table counts 「公開分のみ」). */
  @Property({ type: 'boolean' })
  public = false;

  @Property({ type: 'date', nullable: true })
  lastVerifiedOn: string | null = null;

  @Property({ type: 'string', length: 20 })
  status: ResourceStatus = 'preparing';

  @Property({ type: 'text', hidden: true })
  searchText = '';

  @BeforeCreate()
  @BeforeUpdate()
  protected refreshSearchText(): void {
    this.searchText = searchText(this.name, this.kana, this.description);
  }
}
