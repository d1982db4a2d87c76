import { OutreachTargetHandedOver, type OutreachHandedOverData } from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { expectEventually } from '@tsunagu/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import { DESK, ORG_A, startIntake, type IntakeUnderTest } from './intake-app';

const OUTREACH_ORG = '01900000-0000-7000-8000-000000000002';

/**
 * Outreach hands a target over by event (outreach.target.handed-over, ids and codes only); intake's consumer creates the
 * consultation or case only when its own consent ledger covers it, with the id outreach chose, exactly once.
 * The event travels on a real JetStream stream to intake's real durable consumer.
 */
describe('intake: hand-over from outreach', () => {
  let intake: IntakeUnderTest;
  let connection: NatsConnection;
  let personId: string;

  beforeAll(async () => {
    intake = await startIntake();
    connection = await connect({ servers: intake.nats.url });
    personId = (await intake.call('POST', '/persons', { body: { familyName: '引継', givenName: '太郎', familyNameKana: 'ヒキツギ', givenNameKana: 'タロウ' } })).body.id;
  });
  afterAll(async () => {
    await connection.close();
    await intake.close();
  });

  function handover(overrides: Partial<OutreachHandedOverData> = {}): OutreachHandedOverData {
    return {
      targetId: uuidv7(),
      districtId: null,
      assignedOrganizationId: OUTREACH_ORG,
      riskLevel: 'high',
      occurredOn: '2026-11-20',
      fiscalYear: 2026,
      handoverId: uuidv7(),
      to: 'consultation',
      personId,
      householdId: null,
      toOrganizationId: DESK,
      recordId: uuidv7(),
      reasonTags: ['hikikomori', 'isolation'],
      ...overrides,
    };
  }

  async function publish(data: OutreachHandedOverData, eventId = uuidv7(), msgId = eventId): Promise<string> {
    const event = { specversion: '1.0', id: eventId, source: OutreachTargetHandedOver.source, type: OutreachTargetHandedOver.type, subject: data.targetId, time: new Date().toISOString(), datacontenttype: 'application/json', municipality: DEMO_MUNICIPALITY.lgCode, data };
    const h = natsHeaders();
    h.set('tsunagu-municipality', DEMO_MUNICIPALITY.lgCode);
    await jetstream(connection).publish(OutreachTargetHandedOver.subject, JSON.stringify(event), { msgID: msgId, headers: h });
    return eventId;
  }

  async function processed(eventId: string): Promise<void> {
    await expectEventually(async () => {
      const rows = await intake.orm.em.fork().getConnection().execute(`select 1 from intake.inbox_entry where message_id = ?`, [eventId]);
      expect(rows).toHaveLength(1);
    });
  }

  const consultationsOf = async (id: string) => (await intake.call('GET', `/consultations?personId=${id}&perPage=100`)).body.items as { id: string }[];

  it('creates no consultation while intake’s consent ledger does not cover the receiving organisation', async () => {
    const data = handover();
    await processed(await publish(data));
    expect((await intake.call('GET', `/consultations/${data.recordId}`)).status).toBe(404);
    // A consent for another organisation only does not cover the desk either.
    await intake.call('POST', '/consents', { body: { personId, scope: 'named-organization', targetOrganizationIds: [ORG_A], method: 'signature', status: 'obtained' } });
    const other = handover();
    await processed(await publish(other));
    expect((await intake.call('GET', `/consultations/${other.recordId}`)).status).toBe(404);
    expect(await consultationsOf(personId)).toHaveLength(0);
  });

  it('creates the consultation (route アウトリーチで把握) with outreach’s record id once consent covers it, exactly once', async () => {
    await intake.call('POST', '/consents', { body: { personId, scope: 'agency-sharing', method: 'signature', status: 'obtained' } });
    const data = handover();
    const eventId = await publish(data);
    await processed(eventId);
    const consultation = await intake.call('GET', `/consultations/${data.recordId}`);
    expect(consultation.status).toBe(200);
    expect(consultation.body).toMatchObject({
      id: data.recordId,
      personId,
      route: 'outreach',
      receivingOrganizationId: DESK,
      referrerOrganizationId: OUTREACH_ORG,
      issueTags: ['hikikomori', 'isolation'],
      urgency: 'high',
      consentStatus: 'given',
      status: 'received',
    });

    // The same event again (past JetStream's de-duplication: another message id) and a second event for the same record.
    await publish(data, eventId, `${eventId}-again`);
    await processed(await publish(data));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await consultationsOf(personId)).map((c) => c.id)).toEqual([data.recordId]);

    // Intake announces it with its usual event, which outreach uses to link the hand-over; no new personal data on it.
    await expectEventually(async () => {
      const received = (await intake.events()).filter((e) => e.subject === 'tsunagu.evt.intake.consultation.received' && e.event.data['consultationId'] === data.recordId);
      expect(received).toHaveLength(1);
      expect(received[0].json).not.toContain('引継');
      expect(received[0].json).not.toContain('ヒキツギ');
    });
  });

  it('opens a 多機関協働 case on the 重層 track only with consent for 重層的支援会議での共有', async () => {
    const household = (await intake.call('POST', '/households', { body: { label: '引継家', keyPersonId: personId, members: [{ personId, relationToKey: 'self' }] } })).body.id;
    const refused = handover({ to: 'case', householdId: household, toOrganizationId: ORG_A });
    await processed(await publish(refused));
    expect((await intake.call('GET', `/cases/${refused.recordId}`)).status).toBe(404);

    await intake.call('POST', '/consents', { body: { personId, scope: 'jusou-meeting', method: 'signature', status: 'obtained' } });
    const data = handover({ to: 'case', householdId: household, toOrganizationId: ORG_A });
    await processed(await publish(data));
    const opened = await intake.call('GET', `/cases/${data.recordId}`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ id: data.recordId, householdId: household, keyPersonId: personId, track: 'consented', coordinatorOrganizationId: ORG_A });
    await processed(await publish(data));
    expect((await intake.call('GET', `/cases?perPage=100`)).body.items.filter((c: { householdId: string }) => c.householdId === household)).toHaveLength(1);
  });

  it('stops handing over once consent is withdrawn', async () => {
    const other = (await intake.call('POST', '/persons', { body: { familyName: '撤回', givenName: '花子', familyNameKana: 'テッカイ', givenNameKana: 'ハナコ' } })).body.id;
    const consent = (await intake.call('POST', '/consents', { body: { personId: other, scope: 'agency-sharing', method: 'signature', status: 'obtained' } })).body;
    await intake.call('POST', `/consents/${consent.id}/withdraw`, { body: { reason: '本人の申し出' } });
    const data = handover({ personId: other });
    await processed(await publish(data));
    expect((await intake.call('GET', `/consultations/${data.recordId}`)).status).toBe(404);
  });
});
