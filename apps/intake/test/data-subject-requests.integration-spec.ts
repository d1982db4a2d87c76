import {
  CollectMatchingSubjectRecordsRpc,
  CollectOutreachSubjectRecordsRpc,
  INTAKE_PERSONAL_INFORMATION_FILES,
  TECHNICAL_FIELDS,
  type SubjectRecordsRequest,
  type SubjectRecordsResponse,
} from '@tsunagu/contracts';
import { captureServiceLogs } from '@tsunagu/platform-observability';
import { asSystem, bootObserved, expectEventually, type Observed } from '@tsunagu/platform-testing';
import { readPdfText } from '@tsunagu/util-pdf-forms/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import { consultationBody, DESK, expectProblem, ORG_A, ORG_B, startIntake, type IntakeUnderTest } from './intake-app';

/** Marker values: looked for in the pack (present or absent), the events, the audit trail and the logs. */
const OWN_NAME = '開示本人マーカー';
const OTHER_NAME = '開示同居人マーカー';
const COMPLAINT = '開示マーカー: 本人が話した生活の困りごと';
const SECRET = '開示マーカー: 支援会議でのみ共有した通院歴';
const OWN_NOTE = '開示マーカー: 本人同意のうえ記録した面談の内容';
const OUTREACH_NOTE = '開示マーカー: 訪問で玄関先に出てきてくれた';
const MATCHING_NOTE = '開示マーカー: 農園での作業を希望';
const CORRECTED = '訂正後マーカー';
const UNAPPROVED = 'unapproved-marker@example.jp';

/**
 * 開示・訂正・利用停止請求 (issue 19) against real PostgreSQL and NATS. The pack holds every record of the person in intake
 * and what outreach and matching answer over request-reply (served here on the same NATS by responders that stand in for
 * those services; their own handlers are tested in outreach and matching); another household member's name and 106条の6
 * material are withheld and listed; only the city's supervisors and admins handle requests; no marker reaches events,
 * the audit trail or the logs.
 */
describe('intake: data-subject requests (開示請求 pack)', () => {
  let observed: Observed<IntakeUnderTest>;
  let intake: IntakeUnderTest;
  let nats: NatsConnection;
  let supervisor: string;
  let personId: string;
  let otherId: string;
  let householdId: string;
  let caseId: string;
  let supportMeetingId: string;
  const asked: { service: string; request: SubjectRecordsRequest; municipality: string | undefined }[] = [];

  const post = async (path: string, body: unknown = {}, token?: string) => {
    const reply = await intake.call('POST', path, {
      body,
      ...(token ? { token } : {}),
    });
    if (reply.status >= 300) throw new Error(`POST ${path} → ${reply.status} ${reply.text.slice(0, 300)}`);
    return reply.body;
  };
  const download = (path: string, token = supervisor) => intake.download(path, token);
  const downloadJson = async (path: string, token = supervisor) => {
    const reply = await download(path, token);
    const text = reply.body.toString('utf8');
    return {
      status: reply.status,
      headers: reply.headers,
      text,
      body: JSON.parse(text),
    };
  };
  const responders: { unsubscribe(): void }[] = [];
  const serve = (subject: string, answer: (request: SubjectRecordsRequest, municipality: string | undefined) => SubjectRecordsResponse) =>
    nats.subscribe(subject, {
      callback: (_error, message) => {
        const packet = JSON.parse(new TextDecoder().decode(message.data)) as {
          id: string;
          data: SubjectRecordsRequest;
        };
        message.respond(
          new TextEncoder().encode(
            JSON.stringify({
              id: packet.id,
              response: answer(packet.data, message.headers?.get('tsunagu-municipality') || undefined),
              isDisposed: true,
            }),
          ),
        );
      },
    });
  /** Outreach's and matching's answers, on the same NATS (their own handlers are tested in their services). */
  const startResponders = async () => {
    responders.push(
      serve(CollectOutreachSubjectRecordsRpc.subject, (request, municipality) => {
        asked.push({ service: 'outreach', request, municipality });
        return {
          service: 'outreach',
          records: [
            {
              type: 'OutreachContact',
              id: uuidv7(),
              fields: { observationNote: OUTREACH_NOTE, method: 'visit' },
            },
          ],
          withheld: [
            {
              type: 'OutreachContact',
              id: uuidv7(),
              part: 'accompaniedBy[0].name',
              ground: 'third-party',
            },
          ],
          accessLog: [],
          accessLogOmitted: 0,
        };
      }),
      serve(CollectMatchingSubjectRecordsRpc.subject, (request, municipality) => {
        asked.push({ service: 'matching', request, municipality });
        return {
          service: 'matching',
          records: [
            {
              type: 'ParticipationNeed',
              id: uuidv7(),
              fields: { notes: MATCHING_NOTE },
            },
          ],
          withheld: [],
          accessLog: [],
          accessLogOmitted: 0,
        };
      }),
    );
    await nats.flush();
  };
  const newRequest = async (body: Record<string, unknown> = {}) =>
    post(
      '/data-subject-requests',
      {
        kind: 'disclosure',
        personId,
        requesterRelation: 'self',
        identityVerification: 'driver-license',
        ...body,
      },
      supervisor,
    );

  beforeAll(async () => {
    observed = await bootObserved(
      () =>
        startIntake({
          FORMS_MUNICIPALITY_NAME: '高松市',
          NATS_REQUEST_TIMEOUT_MS: '3000',
        }),
      captureServiceLogs,
    );
    intake = observed.service;
    nats = await connect({ servers: intake.nats.url });
    supervisor = await intake.token({
      subject: 'supervisor-1',
      roles: ['supervisor'],
    });
    personId = (
      await post('/persons', {
        familyName: '開示',
        givenName: OWN_NAME,
        familyNameKana: 'カイジ',
        givenNameKana: 'タロウ',
        birthDate: '1970-04-01',
        sex: 'male',
      })
    ).id;
    otherId = (
      await post('/persons', {
        familyName: '開示',
        givenName: OTHER_NAME,
        familyNameKana: 'カイジ',
        givenNameKana: 'ハナコ',
        birthDate: '1972-05-05',
        sex: 'female',
      })
    ).id;
    householdId = (
      await post('/households', {
        label: '開示家',
        keyPersonId: personId,
        members: [
          {
            personId,
            relationToKey: 'self',
            careEdges: [{ toPersonId: otherId, kind: 'care' }],
          },
          { personId: otherId, relationToKey: 'spouse' },
        ],
      })
    ).id;
    const consultationId = (
      await post(
        '/consultations',
        consultationBody({
          personId,
          householdId,
          mainComplaint: COMPLAINT,
          receivedAt: '2025-06-02T10:00:00+09:00',
        }),
      )
    ).id;
    caseId = (
      await post('/cases', {
        householdId,
        keyPersonId: personId,
        consultationId,
        track: 'pre-consent',
        coordinatorOrganizationId: DESK,
        memberOrganizationIds: [ORG_A],
      })
    ).id;
    supportMeetingId = (
      await post('/meetings', {
        legalType: 'support-meeting-106-6',
        convenerOrganizationId: DESK,
        heldAt: '2025-06-10T10:00:00+09:00',
        attendees: [{ name: '相談支援 担当', organizationId: ORG_B }],
        cases: [{ caseId, agenda: 'information-sharing' }],
      })
    ).id;
    await post(`/meetings/${supportMeetingId}/acknowledge-confidentiality`, {
      name: '相談支援 担当',
      organizationId: ORG_B,
    });
    await post(`/meetings/${supportMeetingId}/hold`);
    await post('/progress-notes', {
      caseId,
      occurredAt: '2025-06-10T11:00:00+09:00',
      kind: 'meeting',
      text: SECRET,
      legalBasis: 'support-meeting-106-6',
      meetingId: supportMeetingId,
    });
    await post('/consents', {
      personId,
      scope: 'agency-sharing',
      targetOrganizationIds: [ORG_A],
      method: 'signature',
      status: 'obtained',
    });
    await post('/progress-notes', {
      caseId,
      occurredAt: '2025-07-01T09:00:00+09:00',
      kind: 'interview',
      text: OWN_NOTE,
      legalBasis: 'consent',
    });
    // The other member's own consultation: never in the person's pack.
    await post(
      '/consultations',
      consultationBody({
        personId: otherId,
        householdId,
        mainComplaint: `${OTHER_NAME}の相談`,
        receivedAt: '2025-06-03T10:00:00+09:00',
      }),
    );
    // Someone reads the person's record: the access log shows it.
    await intake.call('GET', `/persons/${personId}`);

    await startResponders();
  }, 240_000);
  afterAll(async () => {
    await nats?.close();
    await intake?.close();
    await observed?.stop();
  });

  it('records a request with its number and its decision date 15 days on, and extends it once by 30 days', async () => {
    const request = await newRequest({
      requestedAt: '2025-10-01T10:00:00+09:00',
      requestText: '相談記録の一切',
    });
    expect(request).toMatchObject({
      kind: 'disclosure',
      status: 'received',
      dueOn: '2025-10-16',
      extendedDueOn: null,
      overdue: true,
      receivedBy: 'supervisor-1',
    });
    expect(request.requestNo).toMatch(/^D-2025-\d{4}$/);
    const extended = (
      await intake.call('POST', `/data-subject-requests/${request.id}/extend`, {
        body: { reason: '記録が多く、関係機関への照会に時間を要するため' },
        token: supervisor,
      })
    ).body;
    expect(extended).toMatchObject({
      extendedDueOn: '2025-11-15',
      status: 'received',
    });
    expectProblem(
      await intake.call('POST', `/data-subject-requests/${request.id}/extend`, {
        body: { reason: '再延長' },
        token: supervisor,
      }),
      409,
    );
    expect(extended.history.map((entry: { action: string }) => entry.action)).toEqual(['received', 'extended']);
  });

  it('needs a reason for a partial or refused decision, and makes no pack before a decision or after a refusal', async () => {
    const request = await newRequest();
    expectProblem(await downloadJson(`/data-subject-requests/${request.id}/pack.json`), 409);
    expectProblem(
      await intake.call('POST', `/data-subject-requests/${request.id}/decide`, {
        body: { decision: 'refused' },
        token: supervisor,
      }),
      400,
    );
    const refused = (
      await intake.call('POST', `/data-subject-requests/${request.id}/decide`, {
        body: { decision: 'refused', reason: '請求の対象が特定できない' },
        token: supervisor,
      })
    ).body;
    expect(refused).toMatchObject({ status: 'refused', decision: 'refused' });
    expect((await download(`/data-subject-requests/${request.id}/pack.pdf`)).status).toBe(409);
  });

  it('collects the person’s own records across intake, outreach and matching, and withholds the other member and 106条の6 material', async () => {
    const request = await newRequest();
    await post(
      `/data-subject-requests/${request.id}/decide`,
      {
        decision: 'partially-granted',
        reason: '同居の方の情報と支援会議の内容を除く',
        article78Grounds: ['78-1-2'],
      },
      supervisor,
    );
    const reply = await download(`/data-subject-requests/${request.id}/pack.json`);
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="${request.requestNo}.json"`);
    const text = reply.body.toString('utf8');
    for (const marker of [OWN_NAME, COMPLAINT, OWN_NOTE, OUTREACH_NOTE, MATCHING_NOTE]) expect(text).toContain(marker);
    for (const marker of [OTHER_NAME, SECRET, otherId]) expect(text).not.toContain(marker);
    const pack = JSON.parse(text);
    expect(pack.services.map((part: { service: string }) => part.service)).toEqual(['intake', 'outreach', 'matching']);
    const intakeTypes = new Set(pack.services[0].records.map((record: { type: string }) => record.type));
    for (const type of ['Person', 'Household', 'Consent', 'Consultation', 'MultiAgencyCase', 'ProgressNote']) expect(intakeTypes).toContain(type);
    expect(pack.withheld).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          service: 'intake',
          type: 'Household',
          id: householdId,
          part: 'members[1]',
          ground: 'third-party',
          groundLabel: expect.stringContaining('第三者の情報'),
        }),
        expect.objectContaining({
          service: 'intake',
          type: 'Household',
          part: 'members[0].careEdges[0].toPersonId',
          ground: 'third-party',
        }),
        expect.objectContaining({
          service: 'intake',
          type: 'Meeting',
          id: supportMeetingId,
          part: '*',
          ground: 'support-meeting-106-6',
        }),
        expect.objectContaining({
          service: 'intake',
          type: 'ProgressNote',
          part: 'text',
          ground: 'support-meeting-106-6',
        }),
        expect.objectContaining({
          service: 'outreach',
          part: 'accompaniedBy[0].name',
          ground: 'third-party',
        }),
      ]),
    );
    expect(pack.article78Grounds).toEqual([
      {
        code: '78-1-2',
        label: expect.stringContaining('開示請求者以外の個人'),
      },
    ]);
    // Who saw this person: the read of the person record before the request is in intake's access log.
    expect(pack.services[0].accessLog).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'caseworker-1',
          action: 'read',
          resourceType: 'Person',
        }),
      ]),
    );
    // Outreach and matching were asked as the requesting municipality (the RPC header, ADR 0015), with the person's id only.
    expect(asked.slice(-2)).toEqual(
      expect.arrayContaining([
        { service: 'outreach', request: { personId }, municipality: '372013' },
        { service: 'matching', request: { personId }, municipality: '372013' },
      ]),
    );
  });

  // A generous limit for a loaded CI machine (the first PDF of a process no longer re-reads the font: 2 s, not 12–24 s).
  it('prints the same pack as an A4 PDF named after the request number, and marks the request 開示済', async () => {
    const request = await newRequest();
    await post(
      `/data-subject-requests/${request.id}/decide`,
      {
        decision: 'partially-granted',
        reason: '同居の方の情報を除く',
        article78Grounds: ['78-1-2'],
      },
      supervisor,
    );
    const started = Date.now();
    const reply = await download(`/data-subject-requests/${request.id}/pack.pdf`);
    process.stdout.write(`pack.pdf rendered in ${Date.now() - started} ms (${reply.body.length} bytes)\n`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/pdf');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="${request.requestNo}.pdf"`);
    const { total, text } = await readPdfText(reply.body);
    expect(total).toBeGreaterThan(1);
    for (const expected of [
      '保有個人情報の開示',
      request.requestNo,
      OWN_NAME,
      OUTREACH_NOTE,
      MATCHING_NOTE,
      '開示しない情報とその理由',
      '第三者の情報',
      '支援会議（社会福祉法106条の6）の情報',
      '閲覧・操作の記録',
      '高松市',
    ]) {
      expect(text).toContain(expected);
    }
    for (const marker of [OTHER_NAME, SECRET]) expect(text).not.toContain(marker);
    // Fields under their Japanese labels (intake's, outreach's and matching's records, a withheld part's path), never
    // under the API names the JSON keeps: no camelCase key of the pack's records is printed.
    for (const label of ['氏名（姓）', 'ふりがな（姓）', '生年月日', '世帯員', '続柄（キーパーソンから見て）', '主訴', '観察の記録', '参加ニーズ', '同行者（1件目）・同行者の氏名']) {
      expect(text).toContain(label);
    }
    const pack = (await downloadJson(`/data-subject-requests/${request.id}/pack.json`)).body;
    const keys = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          keys.add(key);
          collect(item);
        }
      }
    };
    for (const part of pack.services) for (const record of part.records) collect(record.fields);
    const camelCase = [...keys].filter((key) => /[a-z][A-Z]/.test(key));
    expect(camelCase).toEqual(expect.arrayContaining(['birthDate', 'familyNameKana', 'observationNote']));
    expect(camelCase.filter((key) => text.includes(key))).toEqual([]);
    // The JSON's human-readable key: every field of every record type in it, in Japanese.
    for (const [type, { label, fields }] of Object.entries(pack.fieldLabels as Record<string, { label: string; fields: Record<string, string> }>)) {
      expect({ type, label: /[a-z]/.test(label) }).toEqual({ type, label: false });
      expect(Object.entries(fields).filter(([, name]) => /[a-z]/.test(name))).toEqual([]);
    }
    expect(pack.fieldLabels.Person.fields).toMatchObject({ familyName: '氏名（姓）', familyNameKana: 'ふりがな（姓）', birthDate: '生年月日' });
    const completed = (await intake.call('POST', `/data-subject-requests/${request.id}/complete`, { body: {}, token: supervisor })).body;
    expect(completed).toMatchObject({
      status: 'completed',
      completedBy: 'supervisor-1',
    });
  }, 300_000);

  it('fails the download with 503 rather than hand out a pack without a service that does not answer', async () => {
    const request = await newRequest();
    await post(`/data-subject-requests/${request.id}/decide`, { decision: 'granted' }, supervisor);
    for (const responder of responders.splice(0)) responder.unsubscribe();
    await nats.flush();
    try {
      const reply = await downloadJson(`/data-subject-requests/${request.id}/pack.json`);
      expectProblem(reply, 503);
      expect(reply.text).not.toContain(OWN_NAME);
    } finally {
      await startResponders();
    }
  });

  it('is for the city’s supervisors and admins only', async () => {
    const body = {
      kind: 'disclosure',
      personId,
      requesterRelation: 'self',
      identityVerification: 'passport',
    };
    const caseworker = await intake.token({
      subject: 'caseworker-1',
      roles: ['caseworker'],
    });
    const auditor = await intake.token({
      subject: 'auditor-1',
      roles: ['auditor'],
    });
    const deskSupervisor = await intake.token({
      subject: 'desk-supervisor',
      roles: ['supervisor'],
      agency: ORG_A,
    });
    const admin = await intake.token({ subject: 'admin-1', roles: ['admin'] });
    for (const token of [caseworker, auditor, deskSupervisor]) {
      expectProblem(await intake.call('POST', '/data-subject-requests', { body, token }), 403);
      expectProblem(await intake.call('GET', '/data-subject-requests', { token }), 403);
    }
    expectProblem(
      await intake.call('GET', '/data-subject-requests', {
        token: await intake.agencyToken(ORG_A),
      }),
      403,
    );
    expect(
      (
        await intake.call('POST', '/data-subject-requests', {
          body,
          token: admin,
        })
      ).status,
    ).toBe(201);
    const list = await intake.call('GET', `/data-subject-requests?personId=${personId}&kind=disclosure`, { token: supervisor });
    expect(list.body.total).toBeGreaterThanOrEqual(4);
  });

  it('rejects bad input with problem+json naming the field', async () => {
    const bad = await intake.call('POST', '/data-subject-requests', {
      body: {
        kind: 'disclosure',
        personId: uuidv7(),
        requesterRelation: 'self',
        identityVerification: 'passport',
      },
      token: supervisor,
    });
    expectProblem(bad, 400);
    expect(bad.body.errors).toHaveProperty('personId');
    const unknown = await intake.call('POST', '/data-subject-requests', {
      body: {
        kind: 'leak',
        personId,
        requesterRelation: 'self',
        identityVerification: 'passport',
      },
      token: supervisor,
    });
    expectProblem(unknown, 400);
    expect(unknown.body.errors).toHaveProperty('kind');
  });

  it('applies an approved 訂正請求 through the person update (event, version) and keeps before and after in the history', async () => {
    const before = (await intake.call('GET', `/persons/${otherId}`)).body;
    const asked = await post(
      '/data-subject-requests',
      {
        kind: 'correction',
        personId: otherId,
        requesterRelation: 'self',
        identityVerification: 'residence-card',
        corrections: { givenName: CORRECTED, email: UNAPPROVED },
      },
      supervisor,
    );
    expect(asked.requestNo).toMatch(/^C-\d{4}-\d{4}$/);
    expectProblem(
      await intake.call('POST', `/data-subject-requests/${asked.id}/decide`, {
        body: {
          decision: 'partially-granted',
          reason: 'メールは本人確認できない',
        },
        token: supervisor,
      }),
      400,
    );
    await post(
      `/data-subject-requests/${asked.id}/decide`,
      {
        decision: 'partially-granted',
        reason: 'メールアドレスは確認できないため訂正しない',
        approvedFields: ['givenName'],
      },
      supervisor,
    );
    const done = await post(`/data-subject-requests/${asked.id}/complete`, {}, supervisor);
    expect(done.status).toBe('completed');
    expect(done.history.at(-1)).toMatchObject({
      action: 'applied',
      before: { givenName: OTHER_NAME },
      after: { givenName: CORRECTED },
    });
    const after = (await intake.call('GET', `/persons/${otherId}`)).body;
    expect(after).toMatchObject({
      givenName: CORRECTED,
      version: before.version + 1,
    });
    expect(after.email ?? null).not.toBe(UNAPPROVED);
    await expectEventually(async () => {
      const updates = (await intake.events()).filter((event) => event.event.type === 'jp.tsunagu.intake.person.updated.v1' && event.event.subject === otherId);
      expect(updates.length).toBeGreaterThan(0);
    });
  });

  it('refuses a correction of a field it does not correct, or with a value the person update refuses', async () => {
    const body = {
      kind: 'correction',
      personId,
      requesterRelation: 'self',
      identityVerification: 'passport',
    };
    const stray = await intake.call('POST', '/data-subject-requests', {
      body: { ...body, corrections: { identityLevel: 'confirmed' } },
      token: supervisor,
    });
    expectProblem(stray, 400);
    expect(stray.body.errors).toHaveProperty(['corrections.identityLevel']);
    const invalid = await intake.call('POST', '/data-subject-requests', {
      body: { ...body, corrections: { sex: 'robot' } },
      token: supervisor,
    });
    expectProblem(invalid, 400);
    expect(invalid.body.errors).toHaveProperty(['corrections.sex']);
  });

  it('puts a 利用停止 in force: referrals and consultations at other desks get 403 use-suspended until it is lifted', async () => {
    const consultationId = (
      await post(
        '/consultations',
        consultationBody({
          personId,
          householdId,
          receivedAt: '2025-08-01T10:00:00+09:00',
        }),
      )
    ).id;
    const stop = await post(
      '/data-subject-requests',
      {
        kind: 'suspension',
        personId,
        requesterRelation: 'self',
        identityVerification: 'passport',
        suspensionScope: 'sharing',
      },
      supervisor,
    );
    await post(`/data-subject-requests/${stop.id}/decide`, { decision: 'granted' }, supervisor);
    // Decided, not yet applied: nothing is refused.
    const referral = {
      consultationId,
      toOrganizationId: ORG_A,
      infoBasis: 'consent',
    };
    expect((await intake.call('POST', '/referrals', { body: referral })).status).toBe(201);
    await post(`/data-subject-requests/${stop.id}/complete`, {}, supervisor);
    const refused = await intake.call('POST', '/referrals', { body: referral });
    expectProblem(refused, 403);
    expect(refused.body.code).toBe('use-suspended');
    expect(refused.text).not.toContain(OWN_NAME);
    const elsewhere = await intake.call('POST', '/consultations', {
      body: consultationBody({ personId, receivingOrganizationId: ORG_A }),
    });
    expectProblem(elsewhere, 403);
    expect(elsewhere.body.code).toBe('use-suspended');
    // The city's own desk keeps working with the person.
    expect(
      (
        await intake.call('POST', '/consultations', {
          body: consultationBody({ personId }),
        })
      ).status,
    ).toBe(201);
    const lifted = await post(`/data-subject-requests/${stop.id}/lift`, {}, supervisor);
    expect(lifted).toMatchObject({ liftedBy: 'supervisor-1' });
    expect(lifted.history.map((entry: { action: string }) => entry.action)).toEqual(['received', 'decided', 'applied', 'lifted']);
    const later = (await post('/consultations', consultationBody({ personId, householdId }))).id;
    expect(
      (
        await intake.call('POST', '/referrals', {
          body: { ...referral, consultationId: later },
        })
      ).status,
    ).toBe(201);
  });

  it('declares in the 個人情報ファイル簿 every stored field of its files’ entities (the register stays true to the data model)', () => {
    for (const file of INTAKE_PERSONAL_INFORMATION_FILES) {
      for (const [entity, fields] of Object.entries(file.entities)) {
        const stored = Object.keys(intake.orm.getMetadata().find(entity)?.properties ?? {}).filter((field) => !TECHNICAL_FIELDS.includes(field));
        expect({ entity, fields: [...stored].sort() }).toEqual({
          entity,
          fields: [...fields].sort(),
        });
      }
    }
  });

  it('renders the 個人情報ファイル簿 of every service with the municipality’s retention periods, as JSON and CSV', async () => {
    const auditor = await intake.token({
      subject: 'auditor-1',
      roles: ['auditor'],
    });
    const register = await intake.call('GET', '/personal-information-files', {
      token: auditor,
    });
    expect(register.status).toBe(200);
    expect(register.body.map((file: { service: string }) => file.service)).toEqual(expect.arrayContaining(['intake', 'outreach', 'matching']));
    expect(register.body.find((file: { entities: Record<string, unknown> }) => 'MultiAgencyCase' in file.entities)).toMatchObject({
      retention: expect.stringContaining('5年'),
      sensitive: true,
    });
    const csv = await download('/personal-information-files/csv', auditor);
    expect(csv.status).toBe(200);
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\uFEFF"個人情報ファイルの名称"')).toBe(true);
    expect(text).toContain('重層的支援 アウトリーチ対象者ファイル');
    expectProblem(await intake.call('GET', '/personal-information-files'), 403);
  });

  it('audits every pack download as a read naming the person, and keeps every marker out of events, the trail and the logs', async () => {
    const rows = await asSystem(intake.orm, `select action, subject_ids from intake.audit_record where resource_type = 'DataSubjectRequest' and outcome = 'success' and action = 'read'`, []);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject_ids: expect.arrayContaining([personId]),
        }),
      ]),
    );
    const events = JSON.stringify(await intake.events());
    const trail = JSON.stringify(await asSystem(intake.orm, 'select * from intake.audit_record', []));
    for (const marker of [OWN_NAME, OTHER_NAME, CORRECTED, UNAPPROVED, COMPLAINT, SECRET, OWN_NOTE, OUTREACH_NOTE, MATCHING_NOTE]) {
      expect(events).not.toContain(marker);
      expect(trail).not.toContain(marker);
      expect(observed.logs.containing(marker)).toEqual([]);
    }
  });
});
