import { v7 as uuidv7 } from 'uuid';
import {
  ConsultationReceived,
  OutreachContactLogged,
  OutreachTargetDestroyed,
  OutreachTargetRegistered,
  PersonDestroyed,
  type ConsultationEventData,
  type OutreachTargetRef,
} from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { personPseudonym, TEST_PSEUDONYM_KEY } from '@tsunagu/util-pseudonym';
import { cloudEvent, demoDistrictId, registryDemoEvents, startReporting, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(120_000);

function consultation(personId: string): ConsultationEventData {
  return {
    consultationId: uuidv7(),
    receptionNo: 'R7-001-000001',
    receivingOrganizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
    fiscalYear: fiscalYearOf(todayInJapan()),
    personId,
    personPseudonym: personPseudonym(TEST_PSEUDONYM_KEY, DEMO_MUNICIPALITY.lgCode, personId),
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
}

/**
 * Reporting holds no person id, only pseudonymous keys, and of outreach targets only ids and codes: a person destroyed in
 * intake, or a target destroyed under outreach's own retention rule, leaves every projection, and so every total, as it was.
 */
describe('reporting: aggregates survive a destruction (intake.person.destroyed, outreach.target.destroyed)', () => {
  let reporting: ReportingUnderTest;

  beforeAll(async () => {
    reporting = await startReporting();
  });
  afterAll(() => reporting.close());

  it('keeps every projection row and the 年度 report unchanged', async () => {
    const [destroyed, other] = [uuidv7(), uuidv7()];
    const consultations = [consultation(destroyed), consultation(destroyed), consultation(other)];
    await reporting.publish([...registryDemoEvents(), ...consultations.map((data) => cloudEvent(ConsultationReceived, data.consultationId, data))]);
    await reporting.settled();
    const analyst = await reporting.token(['analyst']);
    const path = `/reports/jigyo?fiscalYear=${fiscalYearOf(todayInJapan())}`;
    const [before, reportBefore] = [await reporting.snapshot(), await reporting.call(path, { token: analyst })];
    expect(reportBefore.status).toBe(200);
    // The destroyed person's receptions are counted under their pseudonymous key, and stay so.
    expect(JSON.stringify(before)).toContain(consultations[0].personPseudonym as string);

    await reporting.publish([
      cloudEvent(PersonDestroyed, destroyed, {
        personId: destroyed,
        action: 'delete',
        ruleId: uuidv7(),
        ruleVersion: 1,
        batchId: uuidv7(),
        approvedBy: 'city-sv',
        destroyedAt: new Date().toISOString(),
      }),
    ]);
    await reporting.settled();
    expect(await reporting.snapshot()).toEqual(before);
    expect((await reporting.call(path, { token: analyst })).body).toEqual(reportBefore.body);
  });

  it('keeps the アウトリーチ counts when outreach destroys a target', async () => {
    const today = todayInJapan();
    const fiscalYear = fiscalYearOf(today);
    const ref = (): OutreachTargetRef => ({ targetId: uuidv7(), districtId: demoDistrictId('女木'), assignedOrganizationId: DEMO_ORGANIZATIONS.communityCareCentre.id, riskLevel: 'high', occurredOn: today, fiscalYear });
    const [destroyed, other] = [ref(), ref()];
    const registered = (target: OutreachTargetRef) =>
      cloudEvent(OutreachTargetRegistered, target.targetId, { ...target, identity: 'location-only', personId: null, householdId: null, discoveryRoute: 'welfare-commissioner', reasonTags: [], stage: 'not-contacted', meetingIds: [] });
    const contact = (target: OutreachTargetRef) =>
      cloudEvent(OutreachContactLogged, target.targetId, { ...target, contactId: uuidv7(), method: 'visit', result: 'met', successful: true, observations: [], legalBasis: 'own-duty', stage: 'contacted' });
    await reporting.publish([registered(destroyed), contact(destroyed), registered(other)]);
    await reporting.settled();
    const analyst = await reporting.token(['analyst']);
    const path = `/reports/outreach?fiscalYear=${fiscalYear}`;
    const [before, reportBefore] = [await reporting.snapshot(), await reporting.call(path, { token: analyst })];
    expect(reportBefore.status).toBe(200);
    expect(JSON.stringify(before)).toContain(destroyed.targetId);

    await reporting.publish([
      cloudEvent(OutreachTargetDestroyed, destroyed.targetId, {
        targetId: destroyed.targetId,
        action: 'delete',
        ruleId: uuidv7(),
        ruleVersion: 1,
        batchId: uuidv7(),
        approvedBy: 'city-sv',
        destroyedAt: new Date().toISOString(),
      }),
    ]);
    await reporting.settled();
    expect(await reporting.snapshot()).toEqual(before);
    expect((await reporting.call(path, { token: analyst })).body).toEqual(reportBefore.body);
  });
});
