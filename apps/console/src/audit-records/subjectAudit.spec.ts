import { describe, expect, it } from 'vitest';
import { loadSubjectAudit, mergeSubjectAudit, type AuditRecordRow, type SubjectAuditService } from './subjectAudit';

const record = (id: string, occurredAt: string, seq = 1, fields: Partial<AuditRecordRow> = {}): AuditRecordRow => ({
  id,
  seq,
  occurredAt,
  actor: 'houkatsu',
  action: 'read',
  resourceType: 'Person',
  resourceId: 'p1',
  outcome: 'success',
  ...fields,
});

describe('mergeSubjectAudit', () => {
  it('puts the newest first across services, whatever their own sequence numbers', () => {
    const merged = mergeSubjectAudit([
      { service: 'intake', records: [record('a', '2026-12-03T01:00:00Z', 900), record('b', '2026-12-03T03:00:00Z', 901)] },
      { service: 'outreach', records: [record('c', '2026-12-03T02:00:00.000+00:00', 5)] },
      { service: 'matching', records: [] },
    ]);
    expect(merged.map((entry) => entry.key)).toEqual(['intake:b', 'outreach:c', 'intake:a']);
    expect(merged[1]).toMatchObject({ service: 'outreach', actor: 'houkatsu', seq: 5 });
  });

  it('orders one instant by seq within a service (the later write first), by service name across them', () => {
    const same = '2026-12-03T01:00:00Z';
    const merged = mergeSubjectAudit([
      { service: 'outreach', records: [record('o', same, 1)] },
      { service: 'intake', records: [record('i1', same, 10), record('i2', same, 11)] },
    ]);
    expect(merged.map((entry) => entry.key)).toEqual(['intake:i2', 'intake:i1', 'outreach:o']);
  });

  it('keeps one entry per record, and puts records without a readable time last', () => {
    const merged = mergeSubjectAudit([{ service: 'intake', records: [record('x', 'not a date', 3), record('y', '2026-01-01T00:00:00Z', 2), record('y', '2026-01-01T00:00:00Z', 2)] }]);
    expect(merged.map((entry) => entry.key)).toEqual(['intake:y', 'intake:x']);
  });
});

describe('loadSubjectAudit', () => {
  it('asks every service for the subject and shows what answered when one fails', async () => {
    const calls: string[] = [];
    const result = await loadSubjectAudit('p1', async (service: SubjectAuditService, subjectId) => {
      calls.push(`${service}?subjectId=${subjectId}`);
      if (service === 'outreach') throw new Error('502');
      if (service === 'matching') return { records: [record('m', '2026-12-03T05:00:00Z')], total: 1 };
      return { records: [record('i', '2026-12-03T04:00:00Z')], total: 250 };
    });
    expect(calls).toEqual(['intake?subjectId=p1', 'outreach?subjectId=p1', 'matching?subjectId=p1']);
    expect(result.entries.map((entry) => entry.key)).toEqual(['matching:m', 'intake:i']);
    expect(result.failed).toEqual(['outreach']);
    expect(result.truncated).toEqual(['intake']);
  });

  it('is empty, not failed, when no service has a record of the subject', async () => {
    const result = await loadSubjectAudit('p2', async () => ({ records: [], total: 0 }));
    expect(result).toEqual({ entries: [], failed: [], truncated: [] });
  });
});
