import { describe, expect, it } from 'vitest';
import { instantOf, isLoadableSubject, isRecordId, loadTimeline, mergeTimeline, OUTREACH_CONTACTS, PARTICIPATION_MATCHES, TO_ENTRY, type ListFn, type TimelineEntry } from './timeline';

const at = (key: string, time: string, kind = 'consultation'): TimelineEntry => ({ key, kind, resource: 'x', id: key, at: time, allDay: !time.includes('T') });

describe('mergeTimeline', () => {
  it('puts the newest first, a date alone at the start of that day in Japan', () => {
    const merged = mergeTimeline([at('a', '2025-05-12T01:30:00Z'), at('b', '2025-05-12')], [at('c', '2025-05-11T15:30:00Z'), at('d', '2025-06-01T00:00:00+09:00')]);
    // 2025-05-12 (JST midnight) = 2025-05-11T15:00Z: before c (15:30Z), after nothing else.
    expect(merged.map((e) => e.key)).toEqual(['d', 'a', 'c', 'b']);
    expect(instantOf('2025-05-12')).toBe(Date.parse('2025-05-11T15:00:00Z'));
  });

  it('keeps one entry per record, drops records without a date, and orders ties stably', () => {
    const merged = mergeTimeline([at('n', '2025-05-12', 'referral'), undefined, at('m', '2025-05-12', 'consent')], [at('n', '2025-05-12', 'referral')]);
    expect(merged.map((e) => e.key)).toEqual(['m', 'n']);
    expect(TO_ENTRY.plan({ id: 'p1', status: 'draft' })).toBeUndefined();
  });

  it('turns records into entries with their codes and short text', () => {
    const note = TO_ENTRY['progress-note']({ id: 'n1', occurredAt: '2025-06-10T02:00:00Z', kind: 'visit', legalBasis: 'consent', text: 'あ'.repeat(100) });
    expect(note).toMatchObject({ key: 'progress-notes:n1', resource: 'progress-notes', allDay: false, labels: [{ table: 'noteKind', code: 'visit' }, { table: 'legalBasis', code: 'consent' }] });
    expect(note?.text).toHaveLength(80);
    expect(TO_ENTRY.plan({ id: 'p1', createdOn: '2025-06-20', planVersion: 2, status: 'draft' })).toMatchObject({ text: 'v2', allDay: true, status: { table: 'planStatus', code: 'draft' } });
    expect(TO_ENTRY.case({ id: 'c1', caseNo: 'C-R7-0001', status: 'planning' }, '2025-05-12T01:30:00Z')?.at).toBe('2025-05-12T01:30:00Z');
    expect(TO_ENTRY.case({ id: 'c1', status: 'closed', closedOn: '2026-01-10' }, '2025-05-12T01:30:00Z')?.at).toBe('2026-01-10');
  });
});

/** A fake intake: rows per resource, matched on every filter field. */
function fakeList(rows: Record<string, Array<Record<string, unknown> & { id: string }>>, calls: string[] = [], failing: string[] = []): ListFn {
  return async (resource, filter) => {
    calls.push(`${resource}?${Object.entries(filter).map(([k, v]) => `${k}=${String(v)}`).join('&')}`);
    if (failing.includes(resource)) throw new Error('403');
    return (rows[resource] ?? []).filter((row) => Object.entries(filter).every(([key, value]) => row[key] === value));
  };
}

const DATA = {
  households: [{ id: 'h1', personId: 'father' }],
  consultations: [
    { id: 'k1', personId: 'father', householdId: 'h1', receivedAt: '2025-05-12T01:30:00Z', receptionNo: 'R7-0001', status: 'referred', primaryCategory: 'long-term-care' },
    { id: 'k2', personId: 'son', householdId: 'h1', receivedAt: '2025-08-01T00:00:00Z', receptionNo: 'R7-0002', status: 'received' },
  ],
  referrals: [{ id: 'r1', personId: 'father', consultationId: 'k1', referredOn: '2025-05-12', status: 'accepted', infoBasis: 'consent' }],
  consents: [
    { id: 's1', personId: 'father', obtainedAt: '2025-05-12T02:00:00Z', status: 'obtained', scope: 'agency-sharing' },
    { id: 's2', personId: 'mother', obtainedAt: '2025-06-02T02:00:00Z', status: 'obtained', scope: 'jusou-meeting' },
  ],
  cases: [{ id: 'c1', householdId: 'h1', consultationId: 'k1', caseNo: 'C-R7-0001', status: 'planning' }],
  plans: [{ id: 'p1', caseId: 'c1', createdOn: '2025-06-20', planVersion: 1, status: 'draft' }],
  meetings: [{ id: 'm1', caseId: 'c1', heldAt: '2025-07-01T01:00:00Z', legalType: 'jusou-meeting', status: 'held' }],
  'progress-notes': [
    { id: 'n1', caseId: 'c1', occurredAt: '2025-07-01T02:00:00Z', kind: 'meeting', legalBasis: 'consent', text: '方針を確認' },
    { id: 'n2', consultationId: 'k1', occurredAt: '2025-05-13T00:00:00Z', kind: 'phone', legalBasis: 'consent', text: '初回電話' },
  ],
};

describe('loadTimeline', () => {
  it("merges a person's consultations, referrals, consents and their households' cases, plans, meetings and notes", async () => {
    const { entries, failed } = await loadTimeline({ personId: 'father' }, fakeList(DATA));
    expect(failed).toEqual([]);
    expect(entries.map((e) => e.key)).toEqual([
      'progress-notes:n1',
      'meetings:m1',
      'plans:p1',
      'progress-notes:n2',
      'consents:s1',
      'cases:c1',
      'consultations:k1',
      'referrals:r1',
    ]);
  });

  it("reads a household's referrals through its consultations and consents through its members", async () => {
    const calls: string[] = [];
    const { entries } = await loadTimeline({ householdId: 'h1', memberIds: ['father', 'mother', 'son'] }, fakeList(DATA, calls));
    expect(entries.map((e) => e.key)).toEqual(expect.arrayContaining(['consultations:k2', 'consents:s2', 'referrals:r1', 'cases:c1']));
    expect(entries).toHaveLength(10);
    expect(calls).toEqual(expect.arrayContaining(['referrals?consultationId=k1', 'referrals?consultationId=k2', 'consents?personId=mother', 'cases?householdId=h1']));
  });

  it('names what it could not read and adds the extensions’ entries (outreach contacts)', async () => {
    const outreach = { kind: 'outreach-contact', load: async () => [at('outreach:o1', '2025-09-01T00:00:00Z', 'outreach-contact')] };
    const broken = { kind: 'matching', load: async () => Promise.reject(new Error('down')) };
    const { entries, failed } = await loadTimeline({ personId: 'father' }, fakeList(DATA, [], ['meetings']), [outreach, broken]);
    expect(entries[0].key).toBe('outreach:o1');
    expect(entries.some((e) => e.kind === 'meeting')).toBe(false);
    expect(failed).toEqual(['meetings', 'matching']);
  });

  it('adds the contacts of the outreach targets that are the person (or a household member), linking to the target', async () => {
    const outreach = {
      'outreach-targets': [
        { id: 't1', personId: 'son' },
        { id: 't2', personId: 'stranger' },
      ],
      'outreach-contacts': [
        { id: 'v1', targetId: 't1', contactedAt: '2025-09-02T01:00:00Z', method: 'visit', result: 'absent' },
        { id: 'v2', targetId: 't1', contactedAt: '2025-09-09T01:00:00Z', method: 'visit', result: 'met' },
        { id: 'v3', targetId: 't2', contactedAt: '2025-09-03T01:00:00Z', method: 'phone', result: 'met' },
      ],
    };
    const person = await OUTREACH_CONTACTS.load({ personId: 'son' }, fakeList(outreach));
    expect(person.map((entry) => [entry.key, entry.resource, entry.id, entry.status?.code])).toEqual([
      ['outreach-contacts:v1', 'outreach-targets', 't1', 'absent'],
      ['outreach-contacts:v2', 'outreach-targets', 't1', 'met'],
    ]);
    expect(person[0].labels).toEqual([{ table: 'contactMethod', code: 'visit' }]);
    const household = await OUTREACH_CONTACTS.load({ householdId: 'h1', memberIds: ['father', 'son'] }, fakeList(outreach));
    expect(household).toHaveLength(2);
  });
});

describe('PARTICIPATION_MATCHES', () => {
  it('adds the matches of the person (or of household members) at their latest milestone, linking to the match', async () => {
    const matching = {
      'participation-matches': [
        { id: 'm1', personId: 'son', status: 'started', purpose: 'social', proposedOn: '2025-07-01', visitOn: '2025-07-08', startedOn: '2025-07-15' },
        { id: 'm2', personId: 'son', status: 'proposed', purpose: 'work', proposedOn: '2025-08-01' },
        { id: 'm3', personId: 'stranger', status: 'proposed', proposedOn: '2025-08-02' },
        { id: 'm4', personId: 'father', status: 'ended', proposedOn: '2025-05-01', endedOn: '2025-06-30' },
      ],
    };
    const person = await PARTICIPATION_MATCHES.load({ personId: 'son' }, fakeList(matching));
    expect(person.map((entry) => [entry.key, entry.resource, entry.id, entry.at, entry.allDay, entry.status?.code])).toEqual([
      ['participation-matches:m1', 'participation-matches', 'm1', '2025-07-15', true, 'started'],
      ['participation-matches:m2', 'participation-matches', 'm2', '2025-08-01', true, 'proposed'],
    ]);
    expect(person[0].labels).toEqual([{ table: 'participationPurpose', code: 'social' }]);
    const household = await PARTICIPATION_MATCHES.load({ householdId: 'h1', memberIds: ['father', 'son', 'son'] }, fakeList(matching));
    expect(household.map((entry) => entry.id).sort()).toEqual(['m1', 'm2', 'm4']);
    expect(household.find((entry) => entry.id === 'm4')?.at).toBe('2025-06-30');
  });
});

describe('isLoadableSubject', () => {
  it('asks for nothing about a placeholder record without an id (no personId=undefined after a refusal)', () => {
    expect(isLoadableSubject({ personId: 'undefined' })).toBe(false);
    expect(isLoadableSubject({ personId: '' })).toBe(false);
    expect(isLoadableSubject({ householdId: 'null', memberIds: [] })).toBe(false);
    expect(isLoadableSubject(undefined)).toBe(false);
    expect(isLoadableSubject({ personId: '0190aaaa-0000-7000-8000-000000000001' })).toBe(true);
    expect(isLoadableSubject({ householdId: 'h1', memberIds: ['p1'] })).toBe(true);
    expect(isRecordId(undefined)).toBe(false);
    expect(isRecordId('p1')).toBe(true);
  });
});
