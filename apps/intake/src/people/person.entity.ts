import { ArrayType, BeforeCreate, BeforeUpdate, Entity, Index, Property } from '@mikro-orm/core';
import type { BirthDatePrecision, IdentityLevel, PhoneType, Sex } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import { normaliseForSearch, searchText } from '@tsunagu/util-japanese-text';

/** Structured address (DOMAIN §6.4): 〒, 都道府県, 市区町村, 町字, 番地・号, 方書. */
export interface Address {
  postalCode?: string;
  prefecture?: string;
  municipalityName?: string;
  machiaza?: string;
  banchi?: string;
  building?: string;
}

export interface Phone {
  type: PhoneType;
  number: string;
}

/** 対象者・世帯員 (DOMAIN §7.0). Kanji names are stored exactly as entered (外字 and IVS included). */
@Entity({ tableName: 'person' })
@TenantScoped()
@Index({ properties: ['municipality', 'kanaKey', 'birthDate'] })
// Name and birth date: the date alone (the index above leads with kana_key; Migration20261207090000).
@Index({ properties: ['municipality', 'birthDate'] })
@Index({ name: 'person_registered_by_organization_idx', properties: ['registeredByOrganizationId'] })
@Index({ name: 'person_phone_digits_gin', expression: 'create index "person_phone_digits_gin" on "intake"."person" using gin ("phone_digits")' })
@Index({ name: 'person_search_text_trgm', expression: 'create index "person_search_text_trgm" on "intake"."person" using gin ("search_text" gin_trgm_ops)' })
// Newest first, as the list and its search pages are ordered (Migration20261203141500).
@Index({ name: 'person_municipality_created_at_id', expression: 'create index "person_municipality_created_at_id" on "intake"."person" ("municipality", "created_at" desc, "id")' })
export class Person extends TenantEntity {
  @Property({ type: 'string', length: 100, nullable: true })
  familyName: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  givenName: string | null = null;

  /** 全角カタカナ (half-width and hiragana input are converted). */
  @Property({ type: 'string', length: 100, nullable: true })
  familyNameKana: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  givenNameKana: string | null = null;

  /** 通称 (e.g. 住民票 通称 of foreign residents). */
  @Property({ type: 'string', length: 100, nullable: true })
  aliasName: string | null = null;

  @Property({ type: 'string', length: 100, nullable: true })
  formerName: string | null = null;

  @Property({ type: 'date', nullable: true })
  birthDate: string | null = null;

  @Property({ type: 'string', length: 10 })
  birthDatePrecision: BirthDatePrecision = 'unknown';

  @Property({ type: 'string', length: 20 })
  sex: Sex = 'unknown';

  @Property({ type: 'json', nullable: true })
  address: Address | null = null;

  /** The address exactly as given, before structuring. */
  @Property({ type: 'text', nullable: true })
  addressRaw: string | null = null;

  /** コミュニティ協議会 district (registry id). */
  @Property({ type: 'uuid', nullable: true })
  districtId: string | null = null;

  @Property({ type: 'json' })
  phones: Phone[] = [];

  @Property({ type: 'string', length: 200, nullable: true })
  email: string | null = null;

  /** 住基 DV等支援措置: the address is shown only to roles allowed to see it. */
  @Property({ type: 'boolean' })
  dvAddressProtection = false;

  /** The desk that registered the person (a relationship of its own); null for people registered before desks did. */
  @Property({ type: 'uuid', nullable: true, fieldName: 'registered_by_organization' })
  registeredByOrganizationId: string | null = null;

  @Property({ type: 'date', nullable: true })
  deceasedOn: string | null = null;

  /** 未確認 until staff have checked who the person is (a 受付票 records what was said). */
  @Property({ type: 'string', length: 30 })
  identityLevel: IdentityLevel = 'unconfirmed';

  /** Kana reading without spaces, normalised: the duplicate-check key with the birth date. */
  @Property({ type: 'string', length: 200, hidden: true })
  kanaKey = '';

  /** Phone numbers as digits only, for the duplicate check. */
  @Property({ type: ArrayType, columnType: 'text[]', hidden: true })
  phoneDigits: string[] = [];

  @Property({ type: 'text', hidden: true })
  searchText = '';

  @BeforeCreate()
  @BeforeUpdate()
  protected refreshKeys(): void {
    this.kanaKey = kanaKeyOf(this.familyNameKana, this.givenNameKana);
    this.phoneDigits = [...new Set(this.phones.map((phone) => phoneDigitsOf(phone.number)).filter(Boolean))];
    this.searchText = searchText(this.familyName, this.givenName, this.familyNameKana, this.givenNameKana, this.aliasName, this.formerName, kanaKeyOf(this.familyNameKana, this.givenNameKana));
  }
}

export function kanaKeyOf(family: string | null | undefined, given: string | null | undefined): string {
  return normaliseForSearch(`${family ?? ''}${given ?? ''}`).replace(/\s+/g, '');
}

export function phoneDigitsOf(phone: string): string {
  return phone.normalize('NFKC').replace(/\D/g, '');
}
