import { describe, expect, it } from 'vitest';
import { canAccess, consoleRolesOf, decodeClaims, requiredRoles } from './permissions';

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

  it('gives data-subject requests to supervisors and admins, and destruction approval to supervisors only (issue 19)', () => {
    expect(canAccess(['supervisor'], 'data-subject-requests', 'create')).toBe(true);
    expect(canAccess(['admin'], 'data-subject-requests', 'decide')).toBe(true);
    for (const role of ['caseworker', 'auditor', 'agency', 'analyst'] as const) expect(canAccess([role], 'data-subject-requests', 'list')).toBe(false);
    expect(canAccess(['supervisor'], 'destruction-batches', 'approve')).toBe(true);
    expect(canAccess(['admin'], 'destruction-batches', 'approve')).toBe(false);
    expect(canAccess(['auditor'], 'destruction-batches', 'list')).toBe(true);
    expect(canAccess(['auditor'], 'legal-holds', 'create')).toBe(false);
    expect(canAccess(['admin'], 'legal-holds', 'release')).toBe(true);
  });

  it('keeps the audit trail to auditors and admins', () => {
    expect(canAccess(['auditor'], 'audit-records', 'list')).toBe(true);
    expect(canAccess(['caseworker'], 'audit-records', 'list')).toBe(false);
    expect(canAccess(['auditor'], 'community-resources', 'list')).toBe(false);
    expect(requiredRoles('audit-records', 'list')).toEqual(['auditor', 'admin']);
    // The person page's 「閲覧・操作の記録」 reads every service's trail: the same roles the API allows, not supervisors.
    for (const trail of ['intake-audit-records', 'outreach-audit-records', 'matching-audit-records']) {
      expect(requiredRoles(trail, 'list')).toEqual(['auditor', 'admin']);
      expect(canAccess(['supervisor'], trail, 'list')).toBe(false);
    }
  });

  it('lets the organisation referred to (agency) and supervisors answer a referral, not the desk caseworker who sent it', () => {
    for (const action of ['accept', 'decline', 'complete', 'fail']) {
      expect(canAccess(['agency'], 'referrals', action)).toBe(true);
      expect(canAccess(['supervisor'], 'referrals', action)).toBe(true);
      expect(canAccess(['caseworker'], 'referrals', action)).toBe(false);
    }
    expect(canAccess(['caseworker'], 'referrals', 'create')).toBe(true);
  });

  it('gives desk staff (a token with agency) the city screens at their desk, and lets them answer referrals addressed to it', () => {
    const houkatsu = consoleRolesOf({ roles: ['caseworker'], agency: 'org-houkatsu' });
    for (const resource of ['persons', 'households', 'consents', 'consultations', 'referrals', 'progress-notes']) {
      expect(canAccess(houkatsu, resource, 'list')).toBe(true);
      expect(canAccess(houkatsu, resource, 'create')).toBe(true);
    }
    expect(canAccess(houkatsu, 'referrals', 'accept')).toBe(true);
    expect(canAccess(houkatsu, 'outreach-targets', 'list')).toBe(true);
    expect(consoleRolesOf({ roles: ['caseworker'] })).toEqual(['caseworker']);
    expect(canAccess(consoleRolesOf({ roles: ['caseworker'] }), 'referrals', 'accept')).toBe(false);
  });

  it('shows unreviewed emergency accesses to supervisors and auditors, who mark them reviewed', () => {
    expect(canAccess(['supervisor'], 'emergency-accesses', 'list')).toBe(true);
    expect(canAccess(['auditor'], 'emergency-accesses', 'review')).toBe(true);
    expect(canAccess(['caseworker'], 'emergency-accesses', 'list')).toBe(false);
    expect(canAccess(['admin'], 'emergency-accesses', 'review')).toBe(false);
  });

  it('never allows deletes nor unknown resources', () => {
    expect(canAccess(['admin'], 'districts', 'delete')).toBe(false);
    expect(canAccess(['admin'], 'unknown', 'list')).toBe(false);
    expect(canAccess([], 'districts', 'list')).toBe(false);
  });

  it('lets agencies work at their desk — people, households, consents, cases, notes, meetings (the API narrows them) — but keeps plans to city staff', () => {
    for (const resource of ['persons', 'households', 'consents', 'cases', 'progress-notes', 'meetings']) expect(canAccess(['agency'], resource, 'list')).toBe(true);
    for (const resource of ['plans', 'mandatory-reports', 'work']) expect(canAccess(['agency'], resource, 'list')).toBe(false);
    expect(canAccess(['agency'], 'progress-notes', 'create')).toBe(true);
    expect(canAccess(['agency'], 'meetings', 'acknowledge-confidentiality')).toBe(true);
    expect(canAccess(['agency'], 'meetings', 'hold')).toBe(false);
    expect(canAccess(['agency'], 'cases', 'close')).toBe(false);
  });

  it('keeps the 支援決定 to supervisors and admins, and the to-do page to staff', () => {
    expect(canAccess(['caseworker'], 'cases', 'start-planning')).toBe(true);
    expect(canAccess(['caseworker'], 'cases', 'decide-support')).toBe(false);
    expect(canAccess(['supervisor'], 'cases', 'decide-support')).toBe(true);
    expect(canAccess(['caseworker'], 'work', 'list')).toBe(true);
    expect(canAccess(['analyst'], 'work', 'list')).toBe(false);
    expect(canAccess(['outreach-worker'], 'work', 'list')).toBe(true);
    expect(canAccess(['participation-worker'], 'work', 'list')).toBe(true);
    expect(canAccess(['caseworker'], 'consents', 'withdraw')).toBe(true);
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
