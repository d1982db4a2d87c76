import { assertEventData, ContractViolationError } from '../lib/schema-validation';
import { ABUSE_TAG_LAWS, ConsultationReceived, HouseholdRegistered, INTAKE_CODE_TABLES, INTAKE_EVENTS, ISSUE_TAG_LABELS, PersonProtectionChanged, ReferralDeclined, ReferralFailed, ReferralRequested } from './index';

describe('intake contracts', () => {
  it('names subjects and types after intake, one subject per event', () => {
    expect(ReferralRequested.subject).toBe('tsunagu.evt.intake.referral.requested');
    expect(ReferralRequested.type).toBe('jp.tsunagu.intake.referral.requested.v1');
    expect(new Set(INTAKE_EVENTS.map((event) => event.subject)).size).toBe(INTAKE_EVENTS.length);
  });

  it('accepts ids and codes and refuses personal data in referral events', () => {
    const data = {
      referralId: '01900000-0000-7000-8000-0000000000aa',
      consultationId: '01900000-0000-7000-8000-0000000000bb',
      personId: '01900000-0000-7000-8000-0000000000cc',
      fromOrganizationId: '01900000-0000-7000-8000-000000000001',
      toOrganizationId: '01900000-0000-7000-8000-000000000003',
      infoBasis: 'consent',
      status: 'requested',
      followUpDue: '2025-05-01',
    };
    expect(() => assertEventData(ReferralRequested, data)).not.toThrow();
    expect(() => assertEventData(ReferralRequested, { ...data, familyName: '山田' })).toThrow(ContractViolationError);
    expect(() => assertEventData(ReferralRequested, { ...data, infoBasis: '本人同意' })).toThrow(ContractViolationError);
    // The dates staff entered travel as dates; events published before them (without) stay valid.
    expect(() => assertEventData(ReferralRequested, { ...data, referredOn: '2025-04-30', firstContactOn: null })).not.toThrow();
    expect(() => assertEventData(ReferralRequested, { ...data, referredOn: '2025/04/30' })).toThrow(ContractViolationError);
  });

  it('dates a consultation by 受付日時 and when it was recorded, with the desk in its reception number', () => {
    const data = {
      consultationId: '01900000-0000-7000-8000-0000000000bb',
      receptionNo: 'R7-003-000123',
      receivingOrganizationId: '01900000-0000-7000-8000-000000000001',
      fiscalYear: 2025,
      personId: null,
      householdId: null,
      route: 'phone',
      primaryCategory: 'income',
      categories: ['income'],
      issueTags: [],
      urgency: 'medium',
      consentStatus: 'given',
      jigyoAttribution: 'tsunagaru-desk',
      disposition: null,
      status: 'received',
    };
    expect(() => assertEventData(ConsultationReceived, { ...data, receivedAt: '2026-03-31T14:30:00.000Z', recordedAt: '2026-04-01T00:10:00.000Z' })).not.toThrow();
    expect(() => assertEventData(ConsultationReceived, { ...data, receptionNo: 'R7-000123' })).not.toThrow();
    expect(() => assertEventData(ConsultationReceived, { ...data, receivedAt: '2026-03-31' })).toThrow(ContractViolationError);
    expect(() => assertEventData(ConsultationReceived, { ...data, receptionNo: 'R7-3-123' })).toThrow(ContractViolationError);
  });

  it('says why a referral was declined or failed with a code, never with the note', () => {
    const data = {
      referralId: '01900000-0000-7000-8000-0000000000aa',
      consultationId: '01900000-0000-7000-8000-0000000000bb',
      personId: null,
      fromOrganizationId: '01900000-0000-7000-8000-000000000001',
      toOrganizationId: '01900000-0000-7000-8000-000000000003',
      infoBasis: 'consent',
      status: 'declined',
      followUpDue: '2025-05-01',
    };
    expect(() => assertEventData(ReferralDeclined, { ...data, reasonCode: 'no-capacity' })).not.toThrow();
    expect(() => assertEventData(ReferralFailed, { ...data, status: 'failed', reasonCode: 'unreachable' })).not.toThrow();
    expect(() => assertEventData(ReferralDeclined, { ...data, reasonCode: '受入枠なし' })).toThrow(ContractViolationError);
    expect(() => assertEventData(ReferralDeclined, { ...data, reasonCode: 'other', note: '定員超過のため' })).toThrow(ContractViolationError);
    // Only a declined or failed referral has a reason.
    expect(() => assertEventData(ReferralRequested, { ...data, status: 'requested', reasonCode: 'other' })).toThrow(ContractViolationError);
  });

  it('maps every abuse tag to the law that imposes the reporting duty', () => {
    expect(ABUSE_TAG_LAWS['elder-abuse-suspected']).toBe('elder-abuse-prevention-act');
    expect(ABUSE_TAG_LAWS['child-abuse-suspected']).toBe('child-abuse-prevention-act');
    expect(ISSUE_TAG_LABELS['double-care']).toBe('ダブルケア');
    for (const table of Object.values(INTAKE_CODE_TABLES)) {
      for (const code of Object.keys(table)) expect(code).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('carries a protection as ids and codes only, and lets a household withhold its district', () => {
    const protection = { personId: '01900000-0000-7000-8000-0000000000cc', householdIds: ['01900000-0000-7000-8000-0000000000dd'], protections: ['dv-address'] };
    expect(PersonProtectionChanged.subject).toBe('tsunagu.evt.intake.person.protection-changed');
    expect(() => assertEventData(PersonProtectionChanged, protection)).not.toThrow();
    expect(() => assertEventData(PersonProtectionChanged, { ...protection, protections: [] })).not.toThrow();
    expect(() => assertEventData(PersonProtectionChanged, { ...protection, districtId: '01900000-0000-7000-8000-0000000000d1' })).toThrow(ContractViolationError);
    expect(() => assertEventData(PersonProtectionChanged, { ...protection, protections: ['DV'] })).toThrow(ContractViolationError);
    const household = { householdId: protection.householdIds[0], keyPersonId: protection.personId, memberPersonIds: [protection.personId], districtId: null, careEdgeKinds: [] };
    expect(() => assertEventData(HouseholdRegistered, household)).not.toThrow();
    expect(() => assertEventData(HouseholdRegistered, { ...household, districtWithheld: true })).not.toThrow();
    expect(() => assertEventData(HouseholdRegistered, { ...household, address: '高松市' })).toThrow(ContractViolationError);
  });
});
