import { createHmac } from 'node:crypto';
import { PersonPseudonyms, personPseudonym, PSEUDONYM_PATTERN, TEST_PSEUDONYM_KEY } from './person-pseudonym';

const KEY = 'k'.repeat(32);
const PERSON = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('personPseudonym', () => {
  it('is HMAC-SHA256(key, municipality ‖ personId) in base64url', () => {
    const expected = createHmac('sha256', KEY).update(`372013${PERSON}`).digest('base64url');
    expect(personPseudonym(KEY, '372013', PERSON)).toBe(expected);
    expect(expected).toMatch(new RegExp(PSEUDONYM_PATTERN));
  });

  it('is stable per municipality, differs across municipalities and keys, and ignores the id’s letter case', () => {
    expect(personPseudonym(KEY, '372013', PERSON)).toBe(personPseudonym(KEY, '372013', PERSON.toUpperCase()));
    expect(personPseudonym(KEY, '372013', PERSON)).not.toBe(personPseudonym(KEY, '372021', PERSON));
    expect(personPseudonym(KEY, '372013', PERSON)).not.toBe(personPseudonym('x'.repeat(32), '372013', PERSON));
    expect(personPseudonym(KEY, '372013', PERSON)).not.toContain(PERSON.slice(0, 8));
  });

  it('refuses a municipality that is not a 6-digit code (the concatenation would be ambiguous)', () => {
    expect(() => personPseudonym(KEY, '37201', PERSON)).toThrow(/6-digit/);
  });
});

describe('PersonPseudonyms', () => {
  it('needs a key of at least 32 characters outside tests, and uses the fixed test key only under NODE_ENV=test', () => {
    expect(() => PersonPseudonyms.fromKey(undefined, 'production')).toThrow(/REPORTING_PSEUDONYM_KEY is required/);
    expect(() => PersonPseudonyms.fromKey(undefined, 'development')).toThrow(/required/);
    expect(() => PersonPseudonyms.fromKey('short', 'test')).toThrow(/at least 32/);
    expect(PersonPseudonyms.fromKey(undefined, 'test').of('372013', PERSON)).toBe(personPseudonym(TEST_PSEUDONYM_KEY, '372013', PERSON));
  });

  it('stamps the pseudonym on events whose contract declares it, from the payload’s personId', () => {
    const pseudonyms = PersonPseudonyms.fromKey(KEY, 'production');
    const declared = { schema: { properties: { personId: {}, personPseudonym: {} } } };
    expect(pseudonyms.stamp(declared, '372013', { personId: PERSON })).toEqual({ personId: PERSON, personPseudonym: personPseudonym(KEY, '372013', PERSON) });
    expect(pseudonyms.stamp(declared, '372013', { personId: null })).toEqual({ personId: null, personPseudonym: null });
    // A hand-made value never survives.
    expect(pseudonyms.stamp(declared, '372013', { personId: null, personPseudonym: 'forged' })).toEqual({ personId: null, personPseudonym: null });
    const undeclared = { schema: { properties: { personId: {} } } };
    expect(pseudonyms.stamp(undeclared, '372013', { personId: PERSON })).toEqual({ personId: PERSON });
  });
});
