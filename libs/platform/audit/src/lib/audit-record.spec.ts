import { auditHash, canonicalJson, GENESIS_HASH, type HashedFields } from './audit-record';
import { inferAction, outcomeFor } from './audit-trail';
import { subjectsAt } from './audited.decorator';

const fields: HashedFields = {
  seq: 1,
  id: '01900000-0000-7000-8000-0000000000aa',
  occurredAt: '2026-01-01T00:00:00.000Z',
  actor: 'u1',
  roles: ['caseworker'],
  agency: null,
  municipality: '372013',
  client: false,
  action: 'read',
  resourceType: 'Case',
  resourceId: 'c1',
  outcome: 'success',
  httpStatus: 200,
  requestId: 'r1',
  traceId: null,
};

describe('audit hashing', () => {
  it('serialises with sorted keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: 'x' }], c: true } })).toBe('{"a":{"c":true,"d":[2,{"y":"x","z":null}]},"b":1}');
  });

  it('chains each hash to the previous one and to every field', () => {
    const first = auditHash(GENESIS_HASH, fields);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, { ...fields })).toBe(first);
    expect(auditHash('1'.repeat(64), fields)).not.toBe(first);
    for (const [key, value] of Object.entries({ seq: 2, actor: 'u2', roles: ['admin'], outcome: 'denied', resourceId: null, httpStatus: 403 })) {
      expect(auditHash(GENESIS_HASH, { ...fields, [key]: value })).not.toBe(first);
    }
  });

  it('keeps the hashes of records without subject ids or gap notes, and covers them when present', () => {
    const legacy = auditHash(GENESIS_HASH, fields);
    expect(auditHash(GENESIS_HASH, { ...fields, subjectIds: [], gap: null })).toBe(legacy);
    const withSubjects = auditHash(GENESIS_HASH, { ...fields, subjectIds: ['p2', 'p1'] });
    expect(withSubjects).not.toBe(legacy);
    expect(auditHash(GENESIS_HASH, { ...fields, subjectIds: ['p1', 'p2'] })).toBe(withSubjects);
    expect(auditHash(GENESIS_HASH, { ...fields, gap: { from: '3', to: '4', explained: true } })).not.toBe(
      auditHash(GENESIS_HASH, { ...fields, gap: { from: '3', to: '4', explained: false } }),
    );
  });

  it('reads subject ids from a view, a page of views and route parameters', () => {
    const subjects = subjectsAt(':id', 'id', 'members.personId');
    const request = { params: { id: 'h1' }, query: {}, body: {} };
    expect([...subjects({ id: 'h1', members: [{ personId: 'p1' }, { personId: 'p2' }] }, request)]).toEqual(['h1', 'h1', 'p1', 'p2']);
    expect([...subjects({ items: [{ id: 'h2', members: [] }, { id: 'h3', members: [{ personId: null }] }], total: 2 }, { params: {}, query: {}, body: {} })]).toEqual(['h2', 'h3']);
    expect([...subjects(undefined, request)]).toEqual(['h1']);
  });

  it('infers actions and outcomes from the HTTP exchange', () => {
    expect([inferAction('GET', true), inferAction('GET', false), inferAction('POST', false), inferAction('PATCH', true), inferAction('DELETE', true)]).toEqual([
      'read',
      'list',
      'create',
      'update',
      'delete',
    ]);
    expect([200, 201, 401, 403, 404, 400, 409, 500, 503].map(outcomeFor)).toEqual([
      'success',
      'success',
      'denied',
      'denied',
      'denied',
      'error',
      'error',
      'error',
      'error',
    ]);
  });
});
