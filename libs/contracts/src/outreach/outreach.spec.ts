import { assertEventData, ContractViolationError } from '../lib/schema-validation';
import { ISSUE_TAGS } from '../intake/codes';
import {
  isSuccessfulContact,
  OUTREACH_CODE_TABLES,
  OUTREACH_EVENTS,
  OUTREACH_STAGE_LABELS,
  OutreachContactLogged,
  OutreachStageChanged,
  OutreachTargetHandedOver,
} from './index';

const ref = {
  targetId: '01900000-0000-7000-8000-0000000000aa',
  districtId: '01900000-0000-7000-8000-0000000000dd',
  assignedOrganizationId: '01900000-0000-7000-8000-000000000002',
  riskLevel: 'high',
  occurredOn: '2026-05-01',
  fiscalYear: 2026,
};

describe('outreach contracts', () => {
  it('names subjects and types after outreach, one subject per event', () => {
    expect(OutreachStageChanged.subject).toBe('tsunagu.evt.outreach.target.stage-changed');
    expect(OutreachTargetHandedOver.type).toBe('jp.tsunagu.outreach.target.handed-over.v1');
    expect(OUTREACH_EVENTS).toHaveLength(10);
    expect(new Set(OUTREACH_EVENTS.map((event) => event.subject)).size).toBe(OUTREACH_EVENTS.length);
  });

  it('accepts ids and codes and refuses personal data or free text in contact events', () => {
    const data = {
      ...ref,
      contactId: '01900000-0000-7000-8000-0000000000cc',
      method: 'visit',
      result: 'met',
      successful: true,
      observations: ['mail-piling-up'],
      legalBasis: 'support-meeting-106-6',
      stage: 'contacted',
    };
    expect(() => assertEventData(OutreachContactLogged, data)).not.toThrow();
    expect(() => assertEventData(OutreachContactLogged, { ...data, observationText: '郵便受けに新聞が溜まっている' })).toThrow(ContractViolationError);
    expect(() => assertEventData(OutreachContactLogged, { ...data, result: '面談できた' })).toThrow(ContractViolationError);
  });

  it('carries what reporting counts: district, 年度 and the first connection', () => {
    const data = { ...ref, fromStage: 'building-relationship', toStage: 'connected', newlyConnected: true };
    expect(() => assertEventData(OutreachStageChanged, data)).not.toThrow();
    const { fiscalYear: _fiscalYear, ...withoutYear } = data;
    expect(() => assertEventData(OutreachStageChanged, withoutYear)).toThrow(ContractViolationError);
  });

  it('hands over by ids only and reuses intake issue tags as reason tags', () => {
    const data = {
      ...ref,
      handoverId: '01900000-0000-7000-8000-0000000000ee',
      to: 'consultation',
      personId: '01900000-0000-7000-8000-0000000000ff',
      householdId: null,
      toOrganizationId: '01900000-0000-7000-8000-000000000001',
      recordId: '01900000-0000-7000-8000-000000000abc',
      reasonTags: [ISSUE_TAGS[0]],
    };
    expect(() => assertEventData(OutreachTargetHandedOver, data)).not.toThrow();
    expect(() => assertEventData(OutreachTargetHandedOver, { ...data, address: '高松市女木町' })).toThrow(ContractViolationError);
  });

  it('labels every code in Japanese and counts 面談できた / 短時間会話 as successful contacts', () => {
    expect(OUTREACH_STAGE_LABELS.connected).toBe('相談・支援につながった');
    expect(isSuccessfulContact('met')).toBe(true);
    expect(isSuccessfulContact('brief-talk')).toBe(true);
    expect(isSuccessfulContact('absent')).toBe(false);
    for (const table of Object.values(OUTREACH_CODE_TABLES)) {
      for (const code of Object.keys(table)) expect(code).toMatch(/^[a-z0-9-]+$/);
    }
  });
});
