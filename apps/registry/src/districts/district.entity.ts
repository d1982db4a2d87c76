import { BeforeCreate, BeforeUpdate, Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { AreaGroup } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import { searchText } from '../shared/japanese-text';

/** コミュニティセンター: where the district's council sits. Public office data, not personal data. */
export interface DistrictOffice {
  name?: string;
  address?: string;
  phone?: string;
}

/** 地区 / 地域コミュニティ協議会区域 — Takamatsu has 44 (DOMAIN §4.4). */
@Entity({ tableName: 'district' })
@TenantScoped()
@Unique({ properties: ['municipality', 'shortName'] })
@Index({ name: 'district_search_text_trgm', expression: 'create index "district_search_text_trgm" on "registry"."district" using gin ("search_text" gin_trgm_ops)' })
export class District extends TenantEntity {
  /** As the city's papers write it, e.g. 国分寺南. */
  @Property({ type: 'string', length: 50 })
  shortName!: string;

  /** e.g. 国分寺南部校区コミュニティ協議会; names vary (地区 / 校区). */
  @Property({ type: 'string', length: 100 })
  officialName!: string;

  /** Reading in katakana (stored canonically; hiragana input is converted). */
  @Property({ type: 'string', length: 100 })
  kana!: string;

  @Property({ type: 'integer' })
  sortOrder!: number;

  @Property({ type: 'string', length: 30 })
  areaGroup: AreaGroup = 'honcho';

  @Property({ type: 'json', nullable: true })
  office: DistrictOffice | null = null;

  @Property({ type: 'boolean' })
  isIsland = false;

  @Property({ type: 'text', hidden: true })
  searchText = '';

  @BeforeCreate()
  @BeforeUpdate()
  protected refreshSearchText(): void {
    this.searchText = searchText(this.shortName, this.officialName, this.kana);
  }
}
