import { Injectable } from '@nestjs/common';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import type { PlainRow } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { toKatakana } from '@tsunagu/util-japanese-text';
import type { IntakeConfig } from '../config';
import type { Person } from './person.entity';
import { assertPlausiblePerson } from './person-rules';
import type { DuplicateCandidateView, PersonView, UpdatePersonCommand } from './person.dto';

/**
 * Who may see a DV-protected address (INTAKE_DV_ADDRESS_ROLES). Everyone else gets the record with the
 * address, raw address and district masked, so the place a victim lives never reaches a screen it need not.
 */
@Injectable()
export class AddressVisibility {
  private readonly roles: ReadonlySet<string>;

  constructor(@InjectConfig() config: IntakeConfig) {
    this.roles = new Set(config.INTAKE_DV_ADDRESS_ROLES.split(',').map((role) => role.trim()).filter(Boolean));
  }

  canSee(person: Pick<Person, 'dvAddressProtection'>): boolean {
    if (!person.dvAddressProtection) return true;
    const principal = TenantContext.principal();
    return principal !== undefined && principal.roles.some((role) => this.roles.has(role));
  }

  view(person: PlainRow<Person>): PersonView {
    return personView(person, !this.canSee(person));
  }
}

export function personView(person: PlainRow<Person>, masked: boolean): PersonView {
  const hasAddress = person.address !== null || person.addressRaw !== null || person.districtId !== null;
  return {
    id: person.id,
    familyName: person.familyName,
    givenName: person.givenName,
    familyNameKana: person.familyNameKana,
    givenNameKana: person.givenNameKana,
    aliasName: person.aliasName,
    formerName: person.formerName,
    birthDate: person.birthDate,
    birthDatePrecision: person.birthDatePrecision,
    sex: person.sex,
    address: masked ? null : person.address,
    addressRaw: masked ? null : person.addressRaw,
    districtId: masked ? null : person.districtId,
    addressMasked: masked && hasAddress,
    phones: person.phones.map((phone) => ({ ...phone })),
    email: person.email,
    dvAddressProtection: person.dvAddressProtection,
    deceasedOn: person.deceasedOn,
    identityLevel: person.identityLevel,
    version: person.version,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
  };
}

export function duplicateCandidateView(person: PlainRow<Person>, matchedOn: DuplicateCandidateView['matchedOn']): DuplicateCandidateView {
  return {
    id: person.id,
    familyName: person.familyName,
    givenName: person.givenName,
    familyNameKana: person.familyNameKana,
    givenNameKana: person.givenNameKana,
    birthDate: person.birthDate,
    matchedOn,
  };
}

const trimmed = (value: string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  // Kanji are never normalised (外字, IVS and 髙/高 stay as entered); only surrounding blanks go.
  const text = value.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  return text.length > 0 ? text : null;
};
const kana = (value: string | null | undefined): string | null => {
  const text = trimmed(value);
  return text === null ? null : toKatakana(text).replace(/\s+/g, ' ');
};

/** 〒 is stored as half-width NNN-NNNN whatever width and hyphen were typed; the other parts stay as entered. */
function normaliseAddress(address: NonNullable<UpdatePersonCommand['address']>): NonNullable<Person['address']> {
  const digits = address.postalCode?.normalize('NFKC').replace(/\D/g, '');
  return { ...address, ...(digits ? { postalCode: `${digits.slice(0, 3)}-${digits.slice(3)}` } : {}) };
}

export function applyPersonFields(person: Person, fields: Omit<UpdatePersonCommand, 'version'>): void {
  if (fields.familyName !== undefined) person.familyName = trimmed(fields.familyName);
  if (fields.givenName !== undefined) person.givenName = trimmed(fields.givenName);
  if (fields.familyNameKana !== undefined) person.familyNameKana = kana(fields.familyNameKana);
  if (fields.givenNameKana !== undefined) person.givenNameKana = kana(fields.givenNameKana);
  if (fields.aliasName !== undefined) person.aliasName = trimmed(fields.aliasName);
  if (fields.formerName !== undefined) person.formerName = trimmed(fields.formerName);
  if (fields.birthDate !== undefined) person.birthDate = fields.birthDate;
  if (fields.birthDatePrecision !== undefined) person.birthDatePrecision = fields.birthDatePrecision;
  else if (fields.birthDate && person.birthDatePrecision === 'unknown') person.birthDatePrecision = 'day';
  if (fields.sex !== undefined) person.sex = fields.sex;
  if (fields.address !== undefined) person.address = fields.address ? normaliseAddress(fields.address) : null;
  if (fields.addressRaw !== undefined) person.addressRaw = trimmed(fields.addressRaw);
  if (fields.districtId !== undefined) person.districtId = fields.districtId;
  if (fields.phones !== undefined) person.phones = (fields.phones ?? []).map((phone) => ({ type: phone.type, number: phone.number.trim() }));
  if (fields.email !== undefined) person.email = fields.email;
  if (fields.dvAddressProtection !== undefined) person.dvAddressProtection = fields.dvAddressProtection;
  if (fields.deceasedOn !== undefined) person.deceasedOn = fields.deceasedOn;
  if (fields.identityLevel !== undefined) person.identityLevel = fields.identityLevel;
  assertPlausiblePerson(person, todayInJapan());
}
