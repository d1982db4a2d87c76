import { describe, expect, it } from 'vitest';
import { canAccess, decodeClaims, requiredRoles } from './permissions';

function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256' })}.${encode(claims)}.signature`;
}

describe('canAccess', () => {
  it('lets every staff role read the registry and only coordinators and admins change it', () => {
    expect(canAccess(['analyst'], 'community-resources', 'list')).toBe(true);
    expect(canAccess(['analyst'], 'community-resources', 'edit')).toBe(false);
    expect(canAccess(['analyst'], 'community-resources', 'publish')).toBe(false);
    expect(canAccess(['coordinator'], 'community-resources', 'publish')).toBe(true);
    expect(canAccess(['coordinator'], 'districts', 'create')).toBe(true);
    expect(canAccess(['caseworker', 'coordinator'], 'councils', 'edit')).toBe(true);
  });

  it('keeps the audit trail to auditors and admins', () => {
    expect(canAccess(['auditor'], 'audit-records', 'list')).toBe(true);
    expect(canAccess(['caseworker'], 'audit-records', 'list')).toBe(false);
    expect(canAccess(['auditor'], 'community-resources', 'list')).toBe(false);
    expect(requiredRoles('audit-records', 'list')).toEqual(['auditor', 'admin']);
  });

  it('never allows deletes nor unknown resources', () => {
    expect(canAccess(['admin'], 'districts', 'delete')).toBe(false);
    expect(canAccess(['admin'], 'unknown', 'list')).toBe(false);
    expect(canAccess([], 'districts', 'list')).toBe(false);
  });

  it('checks fields by their resource (resource.fields.x)', () => {
    expect(canAccess(['analyst'], 'community-resources.contact', 'show')).toBe(true);
  });
});

describe('decodeClaims', () => {
  it('reads sub, roles, municipality and agency from a JWT (base64url, UTF-8)', () => {
    const claims = decodeClaims(jwt({ sub: 'agency', roles: ['agency'], municipality: '372013', agency: 'org-1', name: '牟礼 直樹' }));
    expect(claims).toMatchObject({ sub: 'agency', roles: ['agency'], municipality: '372013', agency: 'org-1', name: '牟礼 直樹' });
  });

  it('accepts space-separated roles and rejects garbage', () => {
    expect(decodeClaims(jwt({ sub: 'x', roles: 'admin auditor' }))?.roles).toEqual(['admin', 'auditor']);
    expect(decodeClaims('not-a-jwt')).toBeUndefined();
    expect(decodeClaims(undefined)).toBeUndefined();
  });
});
