import { v7 as uuidv7 } from 'uuid';
import {
  CaseOpened,
  CaseTrackChanged,
  ConsultationReceived,
  ConsultationTriaged,
  PlanDrafted,
  ReferralAccepted,
  ReferralRequested,
  type CaseEventData,
  type ConsultationEventData,
  type PlanEventData,
  type ReferralEventData,
} from '@tsunagu/contracts';
import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { cloudEvent, startReporting, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(120_000);

const ORG = DEMO_ORGANIZATIONS;

/**
 * Intake's demo records of 令和7年度 are loaded (published) today: reports must count them on the days intake dated
 * them — 受付日時, 依頼日, the case's opening, the plan's 作成日 — not on the day the events were published. A consultation
 * received on 3/31 and typed on 4/1 counts in March of the 年度 it was received in.
 */
describe('reporting: every 年度 figure on the dates staff entered', () => {
  let reporting: ReportingUnderTest;

  const consultation = (receivedAt: string, recordedAt: string): ConsultationEventData => ({
    consultationId: uuidv7(),
    receptionNo: 'R7-001-000001',
    receivingOrganizationId: ORG.cityCommunityWelfare.id,
    fiscalYear: 2025,
    receivedAt,
    recordedAt,
    personId: null,
    householdId: null,
    route: 'phone',
    primaryCategory: 'long-term-care',
    categories: ['long-term-care'],
    issueTags: ['8050'],
    urgency: 'medium',
    consentStatus: 'given',
    jigyoAttribution: 'tsunagaru-desk',
    disposition: null,
    status: 'received',
  });
  const demo = consultation('2025-05-12T01:30:00.000Z', new Date().toISOString());
  // Received 2026-03-31 23:00 in Japan, typed on 4/1 (published then).
  const lateEntry = consultation('2026-03-31T14:00:00.000Z', '2026-04-01T00:30:00.000Z');
  const referral: ReferralEventData = {
    referralId: uuidv7(),
    consultationId: demo.consultationId,
    personId: null,
    fromOrganizationId: ORG.cityCommunityWelfare.id,
    toOrganizationId: ORG.communityCareCentre.id,
    infoBasis: 'consent',
    status: 'requested',
    followUpDue: '2025-05-19',
    referredOn: '2025-05-12',
    firstContactOn: null,
  };
  const kase: CaseEventData = {
    caseId: uuidv7(),
    caseNo: 'C-R7-0001',
    householdId: uuidv7(),
    track: 'pre-consent',
    status: 'potential',
    coordinatorOrganizationId: ORG.socialWelfareCouncil.id,
    leadOrganizationId: null,
    memberOrganizationIds: [ORG.communityCareCentre.id],
    supportDecidedOn: null,
    closureReason: null,
    openedOn: '2025-05-20',
    closedOn: null,
  };
  const plan: PlanEventData = {
    planId: uuidv7(),
    caseId: kase.caseId,
    planVersion: 1,
    status: 'draft',
    organizationIds: [ORG.communityCareCentre.id],
    leadOrganizationId: ORG.communityCareCentre.id,
    usesParticipationSupport: true,
    usesOutreach: true,
    nextReviewOn: '2025-10-01',
    meetingId: null,
    createdOn: '2025-06-20',
  };

  beforeAll(async () => {
    reporting = await startReporting();
    await reporting.publish([
      cloudEvent(ConsultationReceived, demo.consultationId, demo),
      cloudEvent(ConsultationTriaged, demo.consultationId, { ...demo, status: 'referred', disposition: 'referral' }),
      cloudEvent(ConsultationReceived, lateEntry.consultationId, lateEntry, { time: lateEntry.recordedAt }),
      cloudEvent(ReferralRequested, referral.referralId, referral),
      cloudEvent(ReferralAccepted, referral.referralId, { ...referral, status: 'accepted' }),
      cloudEvent(CaseOpened, kase.caseId, kase),
      cloudEvent(CaseTrackChanged, kase.caseId, { ...kase, track: 'consented', status: 'assessing' }),
      cloudEvent(PlanDrafted, plan.planId, plan),
    ]);
    await reporting.settled();
  });
  afterAll(() => reporting.close());

  it('counts the consultations in 令和7年度 by the month of 受付日時', async () => {
    const r7 = await reporting.call('/reports/consultations?fiscalYear=2025');
    expect(r7.status).toBe(200);
    expect(r7.body.cells).toEqual([expect.objectContaining({ month: '2025-05', count: 1 }), expect.objectContaining({ month: '2026-03', count: 1 })]);
    const r8 = await reporting.call('/reports/consultations?fiscalYear=2026');
    expect(r8.body.cells).toEqual([]);
  });

  it('counts the referral on its 依頼日 and the case and plan on their own days, in 令和7年度 and in no later 年度', async () => {
    const referrals = await reporting.call('/reports/referrals?fiscalYear=2025');
    expect(referrals.body).toMatchObject({ requested: 1, accepted: 1, byStatus: { accepted: 1 } });
    const cases = await reporting.call('/reports/cases?fiscalYear=2025');
    const count = (body: { cells: { measure: string; code: string | null; count: number }[] }, measure: string, code: string | null = null) =>
      body.cells.find((cell) => cell.measure === measure && cell.code === code)?.count;
    expect(count(cases.body, 'cases-opened', 'pre-consent')).toBe(1);
    expect(count(cases.body, 'plans-drafted', 'new')).toBe(1);
    for (let later = 2026; later <= fiscalYearOf(todayInJapan()); later += 1) {
      expect((await reporting.call(`/reports/referrals?fiscalYear=${later}`)).body.requested).toBe(0);
      const laterCases = await reporting.call(`/reports/cases?fiscalYear=${later}`);
      expect(laterCases.body.cells.every((cell: { count: number }) => cell.count === 0)).toBe(true);
    }
  });
});
