import type { Principal } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertAgencyAccess, assertOwnAccess, assertRecordAccess, recordFilterOf, recordScopeOf } from './record-scope';

const staff = (overrides: Partial<Principal> = {}): Principal => ({
  subject: 'u1',
  municipality: '372013',
  roles: ['caseworker'],
  scopes: [],
  client: false,
  ...overrides,
});

const codeOf = (fn: () => void): DomainErrorCode | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as DomainException).code;
  }
};

describe('record scope', () => {
  it('derives the scope from agency, the records:own scope, or the municipality', () => {
    expect(recordScopeOf(staff())).toBe('municipality');
    expect(recordScopeOf(staff({ scopes: ['records:own'] }))).toBe('own');
    expect(recordScopeOf(staff({ roles: ['agency'], agency: 'org-1', client: true }))).toBe('agency');
    expect(recordScopeOf(staff({ roles: ['agency'] }))).toBe('agency');
  });

  it('gives list filters that fail closed for an agency caller without an agency id', () => {
    expect(recordFilterOf(staff())).toEqual({ scope: 'municipality' });
    expect(recordFilterOf(staff({ roles: ['agency'], agency: 'org-1' }))).toEqual({ scope: 'agency', agency: 'org-1' });
    expect(recordFilterOf(staff({ roles: ['agency'] }))).toEqual({ scope: 'agency', agency: '\u0000no-agency' });
    expect(recordFilterOf(staff({ scopes: ['records:own'] }))).toEqual({ scope: 'own', subject: 'u1' });
  });

  it('answers 404 for records out of reach when the record is named, 403 otherwise', () => {
    const agency = staff({ roles: ['agency'], agency: 'org-1' });
    const ref = { resource: 'Referral', id: 'r1' };
    expect(codeOf(() => assertAgencyAccess(agency, ['org-1', null], ref))).toBeUndefined();
    expect(codeOf(() => assertAgencyAccess(agency, ['org-2'], ref))).toBe(DomainErrorCode.NotFound);
    expect(codeOf(() => assertAgencyAccess(agency, ['org-2']))).toBe(DomainErrorCode.Forbidden);
    expect(codeOf(() => assertAgencyAccess(staff(), ['org-2'], ref))).toBeUndefined();
    expect(codeOf(() => assertAgencyAccess(staff({ scopes: ['records:own'] }), ['org-2'], ref))).toBe(DomainErrorCode.NotFound);
  });

  it('checks ownership for own-scoped callers only', () => {
    const own = staff({ scopes: ['records:own'] });
    expect(codeOf(() => assertOwnAccess(own, ['u1']))).toBeUndefined();
    expect(codeOf(() => assertOwnAccess(own, ['u2']))).toBe(DomainErrorCode.Forbidden);
    expect(codeOf(() => assertOwnAccess(staff(), ['u2']))).toBeUndefined();
  });

  it('never lets a caller reach another municipality, whatever its scope', () => {
    const ref = { resource: 'Case', id: 'c1' };
    expect(codeOf(() => assertRecordAccess(staff({ roles: ['admin'] }), { municipality: '372021' }, ref))).toBe(DomainErrorCode.NotFound);
    expect(codeOf(() => assertRecordAccess(staff(), { municipality: '372013' }, ref))).toBeUndefined();
    expect(
      codeOf(() => assertRecordAccess(staff({ roles: ['agency'], agency: 'org-1' }), { municipality: '372013', organizationIds: ['org-1'] }, ref)),
    ).toBeUndefined();
    expect(codeOf(() => assertRecordAccess(staff({ scopes: ['records:own'] }), { municipality: '372013', ownerSubjects: ['u9'] }, ref))).toBe(
      DomainErrorCode.NotFound,
    );
  });
});
