import { describe, expect, it } from 'vitest';
import { PERSON_DEFAULTS, todayInJapan, validatePerson } from './validation';

const TODAY = '2026-12-03';

describe('validatePerson (the rules of the intake API)', () => {
  it('starts a new person as 未確認', () => {
    expect(PERSON_DEFAULTS.identityLevel).toBe('unconfirmed');
  });

  it('needs a family name or its kana, or an alias with an unnamed identity level', () => {
    expect(validatePerson({ ...PERSON_DEFAULTS }, TODAY)).toEqual({ familyName: 'tsunagu.person.name_required' });
    expect(validatePerson({ givenName: '太郎', givenNameKana: 'タロウ', identityLevel: 'unconfirmed' }, TODAY)).toEqual({ familyName: 'tsunagu.person.name_required' });
    expect(validatePerson({ familyName: '  ', identityLevel: 'anonymous' }, TODAY)).toEqual({ familyName: 'tsunagu.person.name_required' });
    expect(validatePerson({ familyName: '讃岐', identityLevel: 'unconfirmed' }, TODAY)).toEqual({});
    expect(validatePerson({ familyNameKana: 'サヌキ', identityLevel: 'confirmed' }, TODAY)).toEqual({});
    expect(validatePerson({ aliasName: 'マサさん', identityLevel: 'unconfirmed' }, TODAY)).toEqual({ identityLevel: 'tsunagu.person.unnamed_level' });
    expect(validatePerson({ aliasName: 'マサさん', identityLevel: 'alias-only' }, TODAY)).toEqual({});
    expect(validatePerson({ aliasName: '屋島西町の単身男性', identityLevel: 'household-or-address-only' }, TODAY)).toEqual({});
    expect(validatePerson({ familyName: '讃岐', identityLevel: 'alias-only' }, TODAY)).toEqual({ aliasName: 'tsunagu.person.alias_required' });
  });

  it('refuses a birth date or a death in the future, and a death before birth', () => {
    const person = { familyName: '讃岐', identityLevel: 'unconfirmed' };
    expect(validatePerson({ ...person, birthDate: TODAY }, TODAY)).toEqual({});
    expect(validatePerson({ ...person, birthDate: '2026-12-04' }, TODAY)).toEqual({ birthDate: 'tsunagu.person.future_date' });
    expect(validatePerson({ ...person, birthDate: '1940-06-12', deceasedOn: '2026-12-04' }, TODAY)).toEqual({ deceasedOn: 'tsunagu.person.future_date' });
    expect(validatePerson({ ...person, birthDate: '1940-06-12', deceasedOn: '1939-01-01' }, TODAY)).toEqual({ deceasedOn: 'tsunagu.person.death_before_birth' });
    // Text that is not (yet) a date is the date input's own error (2月30日 never becomes a date).
    expect(validatePerson({ ...person, birthDate: '昭和25年2月30日' }, TODAY)).toEqual({});
  });

  it('knows today in Japan, not in the browser’s time zone', () => {
    expect(todayInJapan(new Date('2026-12-03T14:59:59Z'))).toBe('2026-12-03');
    expect(todayInJapan(new Date('2026-12-03T15:00:00Z'))).toBe('2026-12-04');
  });
});
