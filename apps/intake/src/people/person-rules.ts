import type { IdentityLevel } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';

/** Identity levels that do not claim a name: the person is known by an alias (通称), or only by household or address. */
const UNNAMED_LEVELS: readonly IdentityLevel[] = ['anonymous', 'alias-only', 'household-or-address-only'];

export interface PersonFacts {
  familyName: string | null;
  familyNameKana: string | null;
  aliasName: string | null;
  birthDate: string | null;
  deceasedOn: string | null;
  identityLevel: IdentityLevel;
}

/**
 * What a 相談受付票 needs before a person is recorded (DOMAIN §2.2, §7.0), checked on the record as it would be
 * saved (registration and every update):
 * - a family name or its kana (姓 / セイ) — or, for a person whose name is not known (匿名 / 通称のみ /
 *   世帯・住所のみ, the minimal-identity intake), an alias (通称) staff refer to them by;
 * - 未確認 / 確認済 claim a name, so they need the family name or kana; 通称のみ needs the alias;
 * - a birth date and a date of death that are not in the future, and no death before birth.
 * Each refusal names the field (400).
 */
export function assertPlausiblePerson(person: PersonFacts, today: string): void {
  const named = Boolean(person.familyName || person.familyNameKana);
  if (!named && !person.aliasName) {
    throw DomainException.invalidField('familyName', 'a person needs a family name or its kana (姓・セイ), or an alias (通称) when the name is not known');
  }
  if (!named && !UNNAMED_LEVELS.includes(person.identityLevel)) {
    throw DomainException.invalidField('identityLevel', 'a person known only by an alias is 匿名, 通称のみ or 世帯・住所のみ (anonymous, alias-only, household-or-address-only)');
  }
  if (person.identityLevel === 'alias-only' && !person.aliasName) {
    throw DomainException.invalidField('aliasName', 'an alias (通称) is required for identityLevel alias-only');
  }
  if (person.birthDate && person.birthDate > today) {
    throw DomainException.invalidField('birthDate', 'must not be in the future');
  }
  if (person.deceasedOn && person.deceasedOn > today) {
    throw DomainException.invalidField('deceasedOn', 'must not be in the future');
  }
  if (person.deceasedOn && person.birthDate && person.deceasedOn < person.birthDate) {
    throw DomainException.invalidField('deceasedOn', 'must not be before the birth date');
  }
}
