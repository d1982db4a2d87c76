import { v7 as uuidv7 } from 'uuid';
import { ConsultationReceived, PersonDestroyed, type ConsultationEventData } from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { personPseudonym, TEST_PSEUDONYM_KEY } from '@tsunagu/util-pseudonym';
import { cloudEvent, registryDemoEvents, startReporting, type ReportingUnderTest } from './reporting-app';

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

/** Reporting holds no person id, only pseudonymous keys: a person destroyed in intake leaves every projection, and so every total, as it was. */
describe('reporting: aggregates survive a destruction (intake.person.destroyed)', () => {
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
});
