import { ArrayType, BeforeCreate, BeforeUpdate, Entity, Index, Property } from '@mikro-orm/core';
import type { JusouRole, OrganizationField, OrganizationOperation, OrganizationType } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import { searchText } from '../shared/japanese-text';

/** Public contact points of an organisation or a group (never a private person's details). */
export interface ContactInfo {
  phone?: string;
  email?: string;
  website?: string;
  address?: string;
  note?: string;
}

/** 支援関係機関 and community groups (DOMAIN §7.0). */
@Entity({ tableName: 'organization' })
@TenantScoped()
@Index({ properties: ['municipality', 'type'] })
@Index({
  name: 'organization_search_text_trgm',
  expression: 'create index "organization_search_text_trgm" on "registry"."organization" using gin ("search_text" gin_trgm_ops)',
})
export class Organization extends TenantEntity {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 200 })
  kana = '';

  @Property({ type: 'string', length: 40 })
  type!: OrganizationType;

  @Property({ type: ArrayType, columnType: 'text[]' })
  fields: OrganizationField[] = [];

  @Property({ type: ArrayType, columnType: 'text[]' })
  jusouRoles: JusouRole[] = [];

  @Property({ type: 'string', length: 20, nullable: true })
  operation: OrganizationOperation | null = null;

  /** Private operator under APPI's private-sector rules (民間規律) rather than a public body. */
  @Property({ type: 'boolean' })
  isAppiPrivateOperator = false;

  @Property({ type: ArrayType, columnType: 'text[]' })
  districtIds: string[] = [];

  @Property({ type: 'json', nullable: true })
  contact: ContactInfo | null = null;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  /** Organisations are archived, never deleted: referrals and history keep pointing at them. */
  @Property({ type: 'boolean' })
  archived = false;

  @Property({ type: 'text', hidden: true })
  searchText = '';

  @BeforeCreate()
  @BeforeUpdate()
  protected refreshSearchText(): void {
    this.searchText = searchText(this.name, this.kana);
  }
}
