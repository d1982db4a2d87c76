import { CaseOpened, ConsentRecorded, ConsentWithdrawn, ConsultationReceived, type ConsentEventData, type ConsultationEventData } from '@tsunagu/contracts';
import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { DESK, expectProblem, startOutreach, targetBody, type OutreachUnderTest } from './outreach-app';

/**
 * The outreach half of the hand-over: consent comes from intake's events (here published onto the real stream as intake's
 * relay would), the hand-over is refused without a known person or covering consent, and is linked when intake's own
 * ConsultationReceived carries the record id outreach chose. apps/intake/test/handover.integration-spec.ts covers intake's half.
 */
describe('outreach: hand-over to intake', () => {
  let outreach: OutreachUnderTest;
  const personId = uuidv7();
  const householdId = uuidv7();

  beforeAll(async () => {
    outreach = await startOutreach();
    // The person and household exist in intake (outreach accepts only ids it mirrored from intake's events).
    await outreach.knowPerson(personId, { householdId });
  });
  afterAll(() => outreach.close());

  async function relationshipTarget(overrides: Record<string, unknown> = {}): Promise<string> {
    const id = (await outreach.call('POST', '/targets', { body: targetBody({ personId, householdId, locationDescription: undefined, reasonTags: ['hikikomori'], ...overrides }) })).body.id;
    for (const to of ['attempting', 'contacted', 'building-relationship']) await outreach.call('POST', `/targets/${id}/stage`, { body: { to } });
    return id;
  }

  function consent(overrides: Partial<ConsentEventData> = {}): ConsentEventData {
    return { consentId: uuidv7(), personId, scope: 'agency-sharing', targetOrganizationIds: [], method: 'signature', status: 'obtained', ...overrides };
  }

  async function mirrored(consentId: string, status: string): Promise<void> {
    await expectEventually(async () => {
      const rows = await asSystem(outreach.orm, `select status from outreach.consent_mirror where consent_id = ?`, [consentId]);
      expect(rows).toEqual([{ status }]);
    });
  }

  it('refuses a target with no known person, or a person without covering consent (409 problem naming why)', async () => {
    const placeOnly = (await outreach.call('POST', '/targets', { body: targetBody() })).body.id;
    const noPerson = await outreach.call('POST', `/targets/${placeOnly}/hand-over`, { body: { to: 'consultation', toOrganizationId: DESK } });
    expectProblem(noPerson, 409);
    expect(noPerson.body.errors).toHaveProperty('personId');

    const id = await relationshipTarget();
    const noConsent = await outreach.call('POST', `/targets/${id}/hand-over`, { body: { to: 'consultation', toOrganizationId: DESK } });
    expectProblem(noConsent, 409);
    expect(noConsent.body.errors).toHaveProperty('consent');

    // Consent for another organisation only, a refused one and a withdrawn one do not cover the desk.
    const named = consent({ scope: 'named-organization', targetOrganizationIds: ['01900000-0000-7000-8000-000000000003'] });
    await outreach.publish(ConsentRecorded, named.consentId, named);
    const withdrawn = consent();
    await outreach.publish(ConsentRecorded, withdrawn.consentId, withdrawn);
    await mirrored(withdrawn.consentId, 'obtained');
    await outreach.publish(ConsentWithdrawn, withdrawn.consentId, { ...withdrawn, status: 'withdrawn' });
    await mirrored(named.consentId, 'obtained');
    await mirrored(withdrawn.consentId, 'withdrawn');
    expectProblem(await outreach.call('POST', `/targets/${id}/hand-over`, { body: { to: 'consultation', toOrganizationId: DESK } }), 409);
    // A case needs consent for the 重層的支援会議.
    expectProblem(await outreach.call('POST', `/targets/${id}/hand-over`, { body: { to: 'case', toOrganizationId: DESK } }), 409);
    // Too early in the relationship.
    const early = (await outreach.call('POST', '/targets', { body: targetBody({ personId }) })).body.id;
    const tooEarly = await outreach.call('POST', `/targets/${early}/hand-over`, { body: { to: 'consultation', toOrganizationId: DESK } });
    expectProblem(tooEarly, 409);
    expect(tooEarly.body.transition).toMatchObject({ from: 'not-contacted', to: 'hand-over' });
  });

  it('hands over with covering consent by an ids-only event, keeps 相談・支援につながった, and links intake’s consultation', async () => {
    const covering = consent();
    await outreach.publish(ConsentRecorded, covering.consentId, covering);
    await mirrored(covering.consentId, 'obtained');
    const id = await relationshipTarget({ locationDescription: '仏生山町の家' });

    const reply = await outreach.call('POST', `/targets/${id}/hand-over`, { body: { to: 'consultation', toOrganizationId: DESK, note: '母親も同席希望' } });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ targetId: id, to: 'consultation', personId, consentId: covering.consentId, status: 'requested' });
    const target = (await outreach.call('GET', `/targets/${id}`)).body;
    expect(target.stage).toBe('connected');
    expect(target.firstConnectedOn).not.toBeNull();
    expectProblem(await outreach.call('POST', `/targets/${id}/hand-over`, { body: { to: 'consultation', toOrganizationId: DESK } }), 409);

    const recordId = reply.body.recordId as string;
    await expectEventually(async () => {
      const [event] = (await outreach.events()).filter((e) => e.subject === 'tsunagu.evt.outreach.target.handed-over' && e.event.data['targetId'] === id);
      expect(event.event.data).toMatchObject({ handoverId: reply.body.id, to: 'consultation', personId, householdId, toOrganizationId: DESK, recordId, reasonTags: ['hikikomori'] });
      expect(event.json).not.toContain('母親');
      expect(event.json).not.toContain('仏生山町の家');
    });

    // Intake publishes its usual consultation event with that id: the hand-over is linked. Other consultations are ignored.
    const consultation: ConsultationEventData = {
      consultationId: recordId,
      receptionNo: 'R8-000001',
      receivingOrganizationId: DESK,
      fiscalYear: 2026,
      personId,
      householdId,
      route: 'outreach',
      primaryCategory: 'other',
      categories: ['other'],
      issueTags: ['hikikomori'],
      urgency: 'high',
      consentStatus: 'given',
      jigyoAttribution: 'other',
      disposition: null,
      status: 'received',
    };
    await outreach.publish(ConsultationReceived, uuidv7(), { ...consultation, consultationId: uuidv7() });
    await outreach.publish(ConsultationReceived, recordId, consultation);
    await expectEventually(async () => {
      const [handover] = (await outreach.call('GET', `/targets/${id}/hand-overs`)).body;
      expect(handover).toMatchObject({ recordId, status: 'linked' });
      expect(handover.linkedAt).not.toBeNull();
    });
    // The accompaniment continues until it is closed.
    expect((await outreach.call('POST', `/targets/${id}/stage`, { body: { to: 'stable' } })).status).toBe(200);
    expect((await outreach.call('POST', `/targets/${id}/close`, { body: { reason: 'transferred-to-other-support' } })).body.stage).toBe('closed');
  });

  it('hands over a place-only target once the person is linked to it (PATCH with the version)', async () => {
    const created = (await outreach.call('POST', '/targets', { body: targetBody({ locationDescription: '林町の家' }) })).body;
    for (const to of ['attempting', 'contacted', 'building-relationship']) await outreach.call('POST', `/targets/${created.id}/stage`, { body: { to } });
    expectProblem(await outreach.call('POST', `/targets/${created.id}/hand-over`, { body: { to: 'consultation', toOrganizationId: DESK } }), 409);
    const current = (await outreach.call('GET', `/targets/${created.id}`)).body;
    const missingVersion = await outreach.call('PATCH', `/targets/${created.id}`, { body: { personId } });
    expectProblem(missingVersion, 400);
    expect(missingVersion.body.errors).toHaveProperty('version');
    expectProblem(await outreach.call('PATCH', `/targets/${created.id}`, { body: { personId, version: current.version - 1 } }), 409);
    const linked = await outreach.call('PATCH', `/targets/${created.id}`, { body: { personId }, headers: { 'if-match': `"${current.version}"` } });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ identity: 'person', personId, locationDescription: '林町の家' });
    expect((await outreach.call('POST', `/targets/${created.id}/hand-over`, { body: { to: 'consultation', toOrganizationId: DESK } })).status).toBe(201);
    await expectEventually(async () => {
      const updated = (await outreach.events()).filter((e) => e.subject === 'tsunagu.evt.outreach.target.updated' && e.event.subject === created.id);
      expect(updated).toHaveLength(1);
      expect(updated[0].event.data).toMatchObject({ identity: 'person', personId });
      expect(updated[0].json).not.toContain('林町の家');
    });
  });

  it('hands over to a 多機関協働 case with 重層的支援会議 consent and links the case intake opens', async () => {
    const jusou = consent({ scope: 'jusou-meeting' });
    await outreach.publish(ConsentRecorded, jusou.consentId, jusou);
    await mirrored(jusou.consentId, 'obtained');
    const id = await relationshipTarget();
    const reply = await outreach.call('POST', `/targets/${id}/hand-over`, { body: { to: 'case', toOrganizationId: DESK } });
    expect(reply.status).toBe(201);
    await outreach.publish(CaseOpened, reply.body.recordId, {
      caseId: reply.body.recordId,
      caseNo: 'C-R8-0001',
      householdId,
      track: 'consented',
      status: 'received',
      coordinatorOrganizationId: DESK,
      leadOrganizationId: null,
      memberOrganizationIds: [],
      supportDecidedOn: null,
      closureReason: null,
    });
    await expectEventually(async () => expect((await outreach.call('GET', `/targets/${id}/hand-overs`)).body[0].status).toBe('linked'));
  });
});
