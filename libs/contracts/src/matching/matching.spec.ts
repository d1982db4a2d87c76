import { assertEventData, ContractViolationError } from '../lib/schema-validation';
import { allEventContracts } from '../index';
import { GAP_CONSTRAINT_LABELS, MATCH_STATUS_LABELS, MATCHING_CODE_TABLES, MATCHING_EVENTS, MatchProposed, MenuGapRecorded, PARTICIPATION_PURPOSE_LABELS } from './index';

const match = {
  matchId: '01900000-0000-7000-8000-0000000000aa',
  needId: '01900000-0000-7000-8000-0000000000bb',
  personId: '01900000-0000-7000-8000-0000000000cc',
  opportunityId: '01900000-0000-7000-8000-0000000000dd',
  source: 'host-menu',
  resourceId: null,
  hostId: '01900000-0000-7000-8000-0000000000ee',
  hostOrganizationId: '01900000-0000-7000-8000-000000000003',
  purpose: 'role-volunteer',
  districtId: '01900000-0000-7000-8000-000000000101',
  homeDistrictId: null,
  status: 'proposed',
  endReason: null,
  proposedOn: '2026-05-01',
  startedOn: null,
  settledOn: null,
  endedOn: null,
  occurredOn: '2026-05-01',
};

describe('matching contracts', () => {
  it('names subjects and types after matching, one subject per event, all on the bus', () => {
    expect(MatchProposed.subject).toBe('tsunagu.evt.matching.match.proposed');
    expect(MatchProposed.type).toBe('jp.tsunagu.matching.match.proposed.v1');
    expect(new Set(MATCHING_EVENTS.map((event) => event.subject)).size).toBe(MATCHING_EVENTS.length);
    for (const contract of MATCHING_EVENTS) expect(allEventContracts).toContain(contract);
  });

  it('accepts ids, codes and dates and refuses personal data or labels in match events', () => {
    expect(() => assertEventData(MatchProposed, match)).not.toThrow();
    expect(() => assertEventData(MatchProposed, { ...match, interests: '園芸が好き' })).toThrow(ContractViolationError);
    expect(() => assertEventData(MatchProposed, { ...match, purpose: '居場所' })).toThrow(ContractViolationError);
    expect(() => assertEventData(MatchProposed, { ...match, proposedOn: '令和8年5月1日' })).toThrow(ContractViolationError);
  });

  it('records a menu gap with the failing constraint codes only', () => {
    const gap = {
      gapId: '01900000-0000-7000-8000-0000000000ff',
      needId: match.needId,
      purposes: ['ibasho'],
      districtId: null,
      weekdays: ['tu'],
      timeSlots: ['morning'],
      failingConstraints: ['schedule', 'district'],
      recordedOn: '2026-05-01',
    };
    expect(() => assertEventData(MenuGapRecorded, gap)).not.toThrow();
    expect(() => assertEventData(MenuGapRecorded, { ...gap, failingConstraints: ['遠い'] })).toThrow(ContractViolationError);
  });

  it('labels every code in Japanese, codes in ASCII', () => {
    expect(PARTICIPATION_PURPOSE_LABELS['role-volunteer']).toBe('役割・ボランティア');
    expect(MATCH_STATUS_LABELS.participating).toBe('参加開始（定着支援中）');
    expect(GAP_CONSTRAINT_LABELS.schedule).toBe('参加できる曜日・時間帯にない');
    for (const table of Object.values(MATCHING_CODE_TABLES)) {
      for (const [code, label] of Object.entries(table)) {
        expect(code).toMatch(/^[a-z0-9-]+$/);
        expect(label.length).toBeGreaterThan(0);
      }
    }
  });
});
