import { DomainErrorCode, type DomainException } from '@tsunagu/platform-errors';
import { assertPlausiblePerson, type PersonFacts } from './person-rules';

const TODAY = '2026-12-03';
const base: PersonFacts = { familyName: '讃岐', familyNameKana: 'サヌキ', aliasName: null, birthDate: '1940-06-12', deceasedOn: null, identityLevel: 'unconfirmed' };

function refusal(facts: Partial<PersonFacts>): string | undefined {
  try {
    assertPlausiblePerson({ ...base, ...facts }, TODAY);
    return undefined;
  } catch (error) {
    expect((error as DomainException).code).toBe(DomainErrorCode.ValidationFailed);
    return Object.keys((error as DomainException).details.errors ?? {})[0];
  }
}

describe('a plausible person (相談受付票)', () => {
  it('needs a family name or its kana, or an alias for a person whose name is not known', () => {
    expect(refusal({})).toBeUndefined();
    expect(refusal({ familyName: null })).toBeUndefined();
    expect(refusal({ familyNameKana: null })).toBeUndefined();
    expect(refusal({ familyName: null, familyNameKana: null })).toBe('familyName');
    expect(refusal({ familyName: null, familyNameKana: null, identityLevel: 'anonymous' })).toBe('familyName');
    expect(refusal({ familyName: null, familyNameKana: null, aliasName: '番町の高齢男性', identityLevel: 'anonymous' })).toBeUndefined();
    expect(refusal({ familyName: null, familyNameKana: null, aliasName: 'マサさん', identityLevel: 'alias-only' })).toBeUndefined();
    expect(refusal({ familyName: null, familyNameKana: null, aliasName: '屋島西町の単身男性', identityLevel: 'household-or-address-only' })).toBeUndefined();
  });

  it('does not call a person known only by an alias 未確認 or 確認済, and needs the alias for 通称のみ', () => {
    expect(refusal({ familyName: null, familyNameKana: null, aliasName: 'マサさん', identityLevel: 'unconfirmed' })).toBe('identityLevel');
    expect(refusal({ familyName: null, familyNameKana: null, aliasName: 'マサさん', identityLevel: 'confirmed' })).toBe('identityLevel');
    expect(refusal({ identityLevel: 'alias-only' })).toBe('aliasName');
    expect(refusal({ identityLevel: 'confirmed' })).toBeUndefined();
  });

  it('refuses a birth date or a death in the future, and a death before birth', () => {
    expect(refusal({ birthDate: TODAY })).toBeUndefined();
    expect(refusal({ birthDate: '2026-12-04' })).toBe('birthDate');
    expect(refusal({ birthDate: null })).toBeUndefined();
    expect(refusal({ deceasedOn: '2026-12-04' })).toBe('deceasedOn');
    expect(refusal({ deceasedOn: '1939-01-01' })).toBe('deceasedOn');
    expect(refusal({ deceasedOn: '2025-01-01' })).toBeUndefined();
  });
});
