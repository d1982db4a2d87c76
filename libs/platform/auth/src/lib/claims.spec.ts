import { principalFromClaims, STAFF_NAME_MAX } from './claims';

describe('principalFromClaims: the display name (name claim) for the staff directory', () => {
  const base = { sub: 'caseworker', municipality: '372013', roles: ['caseworker'] };

  it('keeps a person’s name, NFC and trimmed, with line breaks flattened and at most STAFF_NAME_MAX characters', () => {
    expect(principalFromClaims({ ...base, name: '  屋島 健一 ' }).displayName).toBe('屋島 健一');
    expect(principalFromClaims({ ...base, name: 'カ\u3099ス' }).displayName).toBe('ガス');
    expect(principalFromClaims({ ...base, name: '屋島\n健一' }).displayName).toBe('屋島 健一');
    expect(principalFromClaims({ ...base, name: '長'.repeat(300) }).displayName).toHaveLength(STAFF_NAME_MAX);
  });

  it('has none for a machine client, a missing or non-text claim, or text PostgreSQL cannot store', () => {
    expect(principalFromClaims({ ...base, sub: 'agency-x', client_id: 'agency-x', name: '包括システム' })).not.toHaveProperty('displayName');
    for (const name of [undefined, '', '   ', 42, ['屋島'], 'a\u0000b', 'a\uD800b']) {
      expect(principalFromClaims({ ...base, name })).not.toHaveProperty('displayName');
    }
  });
});
