import { LegalHoldPlaced, LegalHoldReleased, PersonDestroyed } from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { ListDueRecordsUseCase } from '../src/retention/list-due-records.usecase';
import { API, consultationBody, DESK, expectPersonDesksFromScratch, expectProblem, type IntakeUnderTest, ORG_A, startIntake } from './intake-app';

/** Marker values: none of them may survive in the destruction log, its API or the person.destroyed events. */
const MARKER = { familyName: '廃棄標識', givenName: '太郎', familyNameKana: 'ハイキヒョウシキ', givenNameKana: 'タロウ', birthDate: '1951-02-03', email: 'haiki-marker@example.jp' };
const COMPLAINT = '廃棄標識の主訴：家賃が払えない';
const CLOSURE_NOTE = '廃棄標識の終結メモ';
/** What meetings say: the minutes, a decision per case, the 106条の6 material, the name of an attendee without an account. */
const MEETING = { minutes: '廃棄標識の議事録', decision: '廃棄標識の決定事項', material: '廃棄標識の支援会議資料', attendee: '廃棄標識 出席者', place: '廃棄標識の会議室' };
const MARKERS = [MARKER.familyName, MARKER.familyNameKana, MARKER.birthDate, MARKER.email, COMPLAINT, CLOSURE_NOTE, 'ハイキ', '廃棄標識', ...Object.values(MEETING)];


interface Item {
  id: string;
  recordType: string;
  recordId: string;
  status: string;
  ruleVersion: number;
  action: string;
}

/**
 * Retention and destruction (issue 19): a check lists records past their period into a batch, never those under a
 * legal hold; nothing is destroyed before a city supervisor approves; approval destroys as the rules say, logs without
 * personal data, announces destroyed persons, and is audited; running the check twice lists each record once.
 */
describe('intake: retention, legal holds and destruction', () => {
  let intake: IntakeUnderTest;
  let citySupervisor: string;
  let deskSupervisor: string;
  let deskCaseworker: string;
  let admin: string;
  let auditor: string;
  const ids: Record<string, string> = {};

  const post = (path: string, body: unknown = {}, token?: string) => intake.call('POST', path, { body, ...(token ? { token } : {}) });
  const check = () => intake.app.get(ListDueRecordsUseCase).forMunicipality(DEMO_MUNICIPALITY.lgCode);

  /** The records as if made seven years ago: past the default 5 years counted from the end of their 年度. */
  async function ageRecords(): Promise<void> {
    const age = `- interval '7 years'`;
    await asSystem(intake.orm, `update "intake"."person" set created_at = created_at ${age}`);
    await asSystem(intake.orm, `update "intake"."consultation" set received_at = received_at ${age}`);
    await asSystem(intake.orm, `update "intake"."multi_agency_case" set closed_on = closed_on ${age} where closed_on is not null`);
  }

  /** Each person differs in name and kana, or the duplicate check would ask to confirm. */
  const personBody = (suffix: string, kana: string) => ({ ...MARKER, familyName: `${MARKER.familyName}${suffix}`, familyNameKana: `${MARKER.familyNameKana}${kana}` });

  /** A person with a consultation handled and closed (受付 → スクリーニング → 自機関対応 → 終了). */
  async function personWithClosedConsultation(key: string, suffix: string, kana: string): Promise<void> {
    ids[`person${key}`] = (await post('/persons', personBody(suffix, kana))).body.id;
    const consultation = (await post('/consultations', consultationBody({ personId: ids[`person${key}`], mainComplaint: COMPLAINT }))).body;
    ids[`consultation${key}`] = consultation.id;
    await post(`/consultations/${consultation.id}/start-screening`);
    await post(`/consultations/${consultation.id}/triage`, { disposition: 'own-agency' });
    expect((await post(`/consultations/${consultation.id}/close`)).body.status).toBe('closed');
  }

  beforeAll(async () => {
    intake = await startIntake();
    citySupervisor = await intake.token({ subject: 'city-sv', roles: ['supervisor'] });
    deskSupervisor = await intake.token({ subject: 'shakyo-sv', roles: ['supervisor'], agency: DEMO_ORGANIZATIONS.socialWelfareCouncil.id });
    deskCaseworker = await intake.token({ subject: 'houkatsu-1', roles: ['caseworker'], agency: DEMO_ORGANIZATIONS.communityCareCentre.id });
    admin = await intake.token({ subject: 'admin-1', roles: ['admin'] });
    auditor = await intake.token({ subject: 'auditor-1', roles: ['auditor'] });

    // 1: a consultation closed, nothing else. 3: the same, under a legal hold (訴訟) before the check.
    // 4: the same; a hold (開示請求) on its consultation comes after listing, before approval. 5: a consultation still open.
    await personWithClosedConsultation('1', '', '');
    await personWithClosedConsultation('3', '三', 'サン');
    await personWithClosedConsultation('4', '四', 'ヨン');
    // 6: the same; the person comes back (a new consultation) after listing, before approval.
    await personWithClosedConsultation('6', '六', 'ロク');
    ids.person5 = (await post('/persons', personBody('五', 'ゴ'))).body.id;
    ids.consultation5 = (await post('/consultations', consultationBody({ personId: ids.person5, mainComplaint: COMPLAINT }))).body.id;
    // 2: a case (pre-consent track) grown from a consultation, closed with a note.
    ids.person2 = (await post('/persons', personBody('二', 'ニ'))).body.id;
    ids.household2 = (await post('/households', { label: '標識家', keyPersonId: ids.person2, members: [{ personId: ids.person2, relationToKey: 'self' }] })).body.id;
    ids.consultation2 = (await post('/consultations', consultationBody({ personId: ids.person2, householdId: ids.household2, mainComplaint: COMPLAINT }))).body.id;
    const opened = await post('/cases', { householdId: ids.household2, keyPersonId: ids.person2, consultationId: ids.consultation2, track: 'pre-consent', coordinatorOrganizationId: DESK });
    expect(opened.status).toBe(201);
    ids.case2 = opened.body.id;
    await post(`/consultations/${ids.consultation2}/cancel`, { reason: '多機関協働ケースとして対応' });
    expect((await post(`/cases/${ids.case2}/close`, { reason: 'goal-achieved', note: CLOSURE_NOTE })).body.status).toBe('closed');
    // Some thirty requests: more than the default hook timeout on a busy machine.
  }, 120_000);
  afterAll(() => intake.close());

  it('seeds the default rules; only an admin changes one (a new version), bad input is a 400 naming the field', async () => {
    const rules = await intake.call('GET', '/retention-rules', { token: auditor });
    expect(rules.status).toBe(200);
    expect(rules.body).toEqual([
      expect.objectContaining({ recordType: 'person', trigger: 'last-activity', years: 5, action: 'erase', version: 1, changedBy: null }),
      expect.objectContaining({ recordType: 'consultation', trigger: 'consultation-received', years: 5, action: 'delete', version: 1 }),
      expect.objectContaining({ recordType: 'case', trigger: 'case-closed', years: 5, action: 'delete', version: 1 }),
      expect.objectContaining({ recordType: 'meeting', trigger: 'meeting-held', years: 5, action: 'erase', version: 1 }),
    ]);
    expectProblem(await intake.call('PATCH', '/retention-rules/person', { token: citySupervisor, body: { years: 10, action: 'erase', version: 1 } }), 403);
    const bad = await intake.call('PATCH', '/retention-rules/person', { token: admin, body: { years: 0, action: 'burn', version: 1 } });
    expectProblem(bad, 400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['action', 'years']);
    expectProblem(await intake.call('PATCH', '/retention-rules/letters', { token: admin, body: { years: 5, action: 'erase', version: 1 } }), 404);
    const changed = await intake.call('PATCH', '/retention-rules/person', { token: admin, body: { years: 6, action: 'erase', version: 1 } });
    expect(changed.body).toMatchObject({ years: 6, version: 2, changedBy: 'admin-1' });
    expectProblem(await intake.call('PATCH', '/retention-rules/person', { token: admin, body: { years: 5, action: 'erase', version: 1 } }), 409);
    expect((await intake.call('PATCH', '/retention-rules/person', { token: admin, body: { years: 5, action: 'erase', version: 2 } })).body).toMatchObject({ years: 5, version: 3 });
  });

  it('places legal holds (city staff only, on an existing record)', async () => {
    const body = { recordType: 'person', recordId: ids.person3, reason: 'litigation' };
    expectProblem(await post('/legal-holds', body, deskSupervisor), 403);
    expectProblem(await post('/legal-holds', body, deskCaseworker), 403);
    const unknown = await post('/legal-holds', { ...body, recordId: '01900000-0000-7000-8000-00000000dead' }, citySupervisor);
    expectProblem(unknown, 400);
    expect(Object.keys(unknown.body.errors)).toEqual(['recordId']);
    const placed = await post('/legal-holds', body, citySupervisor);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ recordType: 'person', recordId: ids.person3, reason: 'litigation', placedBy: 'city-sv', until: null, releasedAt: null, active: true });
  });

  it('lists what is due into one batch, never a held record nor an open one; a second run lists nothing; nothing is destroyed yet', async () => {
    // Young records are not due.
    expect(await check()).toMatchObject({ ran: true, listed: 0, batchId: null });
    await ageRecords();
    expectProblem(await post('/retention-checks', {}, citySupervisor), 403);
    const first = await post('/retention-checks', {}, admin);
    expect(first.body).toMatchObject({ ran: true, listed: 8, batchId: expect.any(String) });
    ids.batch = first.body.batchId;
    expect(await check()).toMatchObject({ ran: true, listed: 0, batchId: null });
    const [perRecord] = await asSystem<{ items: number; records: number }>(intake.orm, `select count(*)::int as items, count(distinct record_id)::int as records from "intake"."destruction_item"`);
    expect(perRecord).toEqual({ items: 8, records: 8 });

    const items = (await intake.call('GET', `/destruction-batches/${ids.batch}/items?perPage=100`, { token: citySupervisor })).body.items as Item[];
    expect(items.map((item) => `${item.recordType}:${item.recordId}`).sort()).toEqual(
      [
        `person:${ids.person1}`,
        `person:${ids.person2}`,
        `person:${ids.person4}`,
        `person:${ids.person6}`,
        `consultation:${ids.consultation1}`,
        `consultation:${ids.consultation4}`,
        `consultation:${ids.consultation6}`,
        `case:${ids.case2}`,
      ].sort(),
    );
    expect(items.find((item) => item.recordType === 'person')).toMatchObject({ ruleVersion: 3, action: 'erase', status: 'pending' });
    expect((await intake.call('GET', `/destruction-batches/${ids.batch}`, { token: auditor })).body).toMatchObject({ status: 'pending-approval', itemCount: 8 });

    expect((await intake.call('GET', `/persons/${ids.person1}`)).body.familyName).toBe(MARKER.familyName);
    expect((await intake.call('GET', `/consultations/${ids.consultation1}`)).status).toBe(200);
    expect((await intake.call('GET', '/destruction-log', { token: auditor })).body.total).toBe(0);
  });

  it('a desk caseworker, a contracted desk’s supervisor and an admin cannot approve (403); nothing changes', async () => {
    for (const token of [deskCaseworker, deskSupervisor, admin, await intake.token({ roles: ['caseworker'] })]) {
      expectProblem(await post(`/destruction-batches/${ids.batch}/approve`, {}, token), 403);
    }
    expectProblem(await intake.call('GET', '/destruction-batches', { token: deskCaseworker }), 403);
    expect((await intake.call('GET', `/destruction-batches/${ids.batch}`, { token: citySupervisor })).body.status).toBe('pending-approval');
    expect((await intake.call('GET', `/persons/${ids.person1}`)).body.familyName).toBe(MARKER.familyName);
  });

  it('on approval destroys as the rules say, keeps what a hold placed since covers or is no longer due, logs without personal data, announces persons, audits', async () => {
    // A 開示請求 arrives for person 4's consultation after listing: it and the person stay.
    expect((await post('/legal-holds', { recordType: 'consultation', recordId: ids.consultation4, reason: 'disclosure-request' }, citySupervisor)).status).toBe(201);
    // Person 6 consults again: no longer due (their old, closed consultation still is).
    ids.consultation6b = (await post('/consultations', consultationBody({ personId: ids.person6 }))).body.id;
    const badRemove = await post(`/destruction-batches/${ids.batch}/approve`, { removeItemIds: ['01900000-0000-7000-8000-00000000dead'] }, citySupervisor);
    expectProblem(badRemove, 400);
    expect(Object.keys(badRemove.body.errors)).toEqual(['removeItemIds']);

    const approved = await post(`/destruction-batches/${ids.batch}/approve`, {}, citySupervisor);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'city-sv' });
    expectProblem(await post(`/destruction-batches/${ids.batch}/approve`, {}, citySupervisor), 409);

    // Persons are erased (the default rule), consultations and the case deleted with the case's consultation.
    const erased = (await intake.call('GET', `/persons/${ids.person1}`, { token: citySupervisor })).body;
    expect(erased).toMatchObject({ familyName: null, givenName: null, familyNameKana: null, givenNameKana: null, birthDate: null, email: null, address: null, phones: [] });
    expect((await intake.call('GET', `/persons/${ids.person2}`, { token: citySupervisor })).body.familyName).toBeNull();
    for (const path of [`/consultations/${ids.consultation1}`, `/consultations/${ids.consultation2}`, `/cases/${ids.case2}`]) {
      expectProblem(await intake.call('GET', path, { token: citySupervisor }), 404);
    }
    // Held: person 3 (before listing) and person 4 with their consultations survive untouched; person 5's is still open.
    expect((await intake.call('GET', `/persons/${ids.person3}`)).body.familyName).toBe(`${MARKER.familyName}三`);
    expect((await intake.call('GET', `/persons/${ids.person4}`)).body.familyName).toBe(`${MARKER.familyName}四`);
    expect((await intake.call('GET', `/consultations/${ids.consultation4}`)).body.mainComplaint).toBe(COMPLAINT);
    expect((await intake.call('GET', `/consultations/${ids.consultation5}`)).body.mainComplaint).toBe(COMPLAINT);
    const items = (await intake.call('GET', `/destruction-batches/${ids.batch}/items?perPage=100`, { token: auditor })).body.items as Item[];
    expect(Object.fromEntries(items.map((item) => [item.recordId, item.status]))).toEqual({
      [ids.person1]: 'destroyed',
      [ids.person2]: 'destroyed',
      [ids.consultation1]: 'destroyed',
      [ids.case2]: 'destroyed',
      [ids.person4]: 'held',
      [ids.consultation4]: 'held',
      [ids.person6]: 'not-due',
      [ids.consultation6]: 'destroyed',
    });
    expect((await intake.call('GET', `/persons/${ids.person6}`)).body.familyName).toBe(`${MARKER.familyName}六`);
    const [rows] = await asSystem<{ cases: number; marker: number }>(
      intake.orm,
      `select (select count(*)::int from "intake"."multi_agency_case" where id = ?) as cases,
              (select count(*)::int from "intake"."person" where search_text like '%' || ? || '%' and id in (?, ?)) as marker`,
      [ids.case2, MARKER.familyNameKana, ids.person1, ids.person2],
    );
    expect(rows).toEqual({ cases: 0, marker: 0 });

    // The log: what, when, which rule version, approved by whom — and no marker anywhere, in the API or the table.
    const log = await intake.call('GET', '/destruction-log?perPage=100', { token: auditor });
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(5);
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recordType: 'person', recordId: ids.person1, action: 'erase', ruleVersion: 3, batchId: ids.batch, approvedBy: 'city-sv', destroyedAt: expect.any(String) }),
        expect.objectContaining({ recordType: 'case', recordId: ids.case2, action: 'delete', ruleVersion: 1, approvedBy: 'city-sv' }),
      ]),
    );
    const table = await asSystem<Record<string, unknown>>(intake.orm, `select * from "intake"."destruction_log"`);
    for (const text of [JSON.stringify(log.body), JSON.stringify(table)]) for (const marker of MARKERS) expect(text).not.toContain(marker);
    expectProblem(await intake.call('GET', '/destruction-log', { token: deskCaseworker }), 403);

    // person.destroyed for each destroyed person, ids and codes only.
    const destroyed = (await intake.events()).filter((event) => event.subject === PersonDestroyed.subject);
    expect(destroyed.map((event) => event.event.data['personId']).sort()).toEqual([ids.person1, ids.person2].sort());
    expect(destroyed[0].event.data).toMatchObject({ action: 'erase', ruleVersion: 3, batchId: ids.batch, approvedBy: 'city-sv' });
    for (const event of destroyed) for (const marker of MARKERS) expect(event.json).not.toContain(marker);

    // The approval is audited, naming the people destroyed.
    const audit = await intake.call('GET', '/audit-records?resourceType=DestructionBatch&action=delete&outcome=success&perPage=100', { token: auditor });
    expect(audit.body.items).toEqual([expect.objectContaining({ actor: 'city-sv', resourceId: ids.batch, httpStatus: 200 })]);
    expect([...audit.body.items[0].subjectIds].sort()).toEqual([ids.person1, ids.person2].sort());
    // Refused attempts are on the trail too.
    const refused = await intake.call('GET', '/audit-records?resourceType=DestructionBatch&action=delete&outcome=denied&perPage=100', { token: auditor });
    expect(refused.body.items.map((item: { actor: string }) => item.actor)).toEqual(expect.arrayContaining(['houkatsu-1', 'shakyo-sv', 'admin-1']));
  });

  it('lists nothing destroyed again; a held record comes back once its hold is released', async () => {
    expect(await check()).toMatchObject({ listed: 0 });
    const holds = (await intake.call('GET', `/legal-holds?recordId=${ids.consultation4}&active=true`, { token: auditor })).body.items;
    expect(holds).toHaveLength(1);
    expect((await post(`/legal-holds/${holds[0].id}/release`, {}, citySupervisor)).body).toMatchObject({ releasedBy: 'city-sv', active: false });
    const again = await check();
    expect(again.listed).toBe(2);
    const items = (await intake.call('GET', `/destruction-batches/${again.batchId}/items`, { token: citySupervisor })).body.items as Item[];
    expect(items.map((item) => item.recordId).sort()).toEqual([ids.person4, ids.consultation4].sort());
    // Rejected: nothing is destroyed, and the records are not listed again under the same rules.
    expect((await post(`/destruction-batches/${again.batchId}/reject`, {}, citySupervisor)).body.status).toBe('rejected');
    expect((await intake.call('GET', `/persons/${ids.person4}`)).body.familyName).toBe(`${MARKER.familyName}四`);
    expect(await check()).toMatchObject({ listed: 0 });
  });

  it('leaves nothing behind: import sources (the old system’s keys), stored responses, emergency-access words; the same file imported again makes a new person', async () => {
    const upload = async (type: string, ...lines: string[]) => {
      const response = await intake.app.inject({
        method: 'POST',
        url: `${API}/imports?type=${type}`,
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${citySupervisor}` },
        payload: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'),
      });
      expect(response.statusCode).toBe(200);
      return JSON.parse(response.body) as { created: number; unchanged: number };
    };
    const persons = ['管理番号,氏名（姓）,氏名（名）,フリガナ（セイ）,フリガナ（メイ）,生年月日,性別,電話番号（携帯）,DV等支援措置', `RK-1,${MARKER.familyName}取込,一,ハイキトリコミ,イチ,昭和30年1月2日,男,,なし`];
    expect(await upload('persons', ...persons)).toMatchObject({ created: 1 });
    const consents = ['同意管理番号,対象者の管理番号,同意の範囲,対象機関,取得方法,取得日,取得した機関,状態,撤回日,撤回の理由,同意書の保管場所', 'RD-1,RK-1,関係機関との情報共有,,署名,令和元年6月1日,,取得,,,'];
    expect(await upload('consents', ...consents)).toMatchObject({ created: 1 });
    const consultations = [
      '相談管理番号,受付日,対象者の管理番号,相談経路,来談者,来談者の続柄,相談内容,主たる相談内容,課題タグ,主訴,緊急度,情報共有の同意,計上事業',
      `RC-1,令和元年6月1日,RK-1,電話,本人,,収入・生活費,収入・生活費,,${COMPLAINT},中,同意あり,つながる福祉相談窓口`,
    ];
    expect(await upload('consultations', ...consultations)).toMatchObject({ created: 1 });
    const sources = () => asSystem<{ record_type: string; source_id: string; target_id: string }>(intake.orm, `select record_type, source_id, target_id from "intake"."import_source" where source_id like 'R_-1' order by source_id`);
    const imported = Object.fromEntries((await sources()).map((source) => [source.record_type, source.target_id]));
    expect(Object.keys(imported).sort()).toEqual(['consents', 'consultations', 'persons']);
    const consultation = imported.consultations;
    // Imported as received (受付): handled and closed here, so it and its person fall due.
    await post(`/consultations/${consultation}/start-screening`);
    await post(`/consultations/${consultation}/triage`, { disposition: 'own-agency' });
    // Closed with an Idempotency-Key: its stored response (the consultation, its person's id) must go with them.
    const closed = await intake.call('POST', `/consultations/${consultation}/close`, { body: {}, headers: { 'idempotency-key': 'retention-import-close' } });
    expect(closed.body.status).toBe('closed');
    const storedResponses = () => asSystem(intake.orm, `select 1 from "intake"."idempotency_key" where key = 'retention-import-close'`);
    expect(await storedResponses()).toHaveLength(1);
    await asSystem(intake.orm, `update "intake"."person" set created_at = created_at - interval '7 years' where id = ?`, [imported.persons]);
    // A desk opened the person in an emergency: the access stays on the trail, its words about the person do not.
    const emergency = await intake.call('POST', `/persons/${imported.persons}/emergency-access`, { token: deskCaseworker, body: { reason: `${MARKER.familyName}さんの緊急連絡先を確認する必要がある` } });
    expect(emergency.status).toBe(201);

    const listed = await check();
    const batchItems = (await intake.call('GET', `/destruction-batches/${listed.batchId}/items?perPage=100`, { token: citySupervisor })).body.items as Item[];
    const ours = [imported.persons, consultation];
    expect(batchItems.filter((item) => ours.includes(item.recordId)).map((item) => item.recordType).sort()).toEqual(['consultation', 'person']);
    const others = batchItems.filter((item) => !ours.includes(item.recordId)).map((item) => item.id);
    expect((await post(`/destruction-batches/${listed.batchId}/approve`, { removeItemIds: others }, citySupervisor)).status).toBe(200);
    // The person erased (its consent kept, coded), the consultation deleted: no key of the old system names any of them.
    expect((await intake.call('GET', `/persons/${imported.persons}`)).body.familyName).toBeNull();
    expect(await sources()).toEqual([]);
    expect(await storedResponses()).toEqual([]);
    expect(await asSystem(intake.orm, `select reason, review_note from "intake"."emergency_access" where person_id = ?`, [imported.persons])).toEqual([{ reason: '', review_note: null }]);

    // Nothing recognises the old system's key any more (that would be the personal data destroyed): a new person.
    expect(await upload('persons', ...persons)).toMatchObject({ created: 1, unchanged: 0 });
    const again = await sources();
    expect(again.map((source) => source.record_type)).toEqual(['persons']);
    expect(again[0].target_id).not.toBe(imported.persons);
  });

  it('announces each hold by the person it holds, and each release, ids and codes only (for outreach to keep, ADR 0019)', async () => {
    await expectEventually(async () => {
      const events = await intake.events();
      const placed = events.filter((event) => event.subject === LegalHoldPlaced.subject);
      expect(placed.map((event) => event.event.data)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ recordType: 'person', recordId: ids.person3, personId: ids.person3, reason: 'litigation', until: null }),
          // A hold on a consultation holds its person.
          expect.objectContaining({ recordType: 'consultation', recordId: ids.consultation4, personId: ids.person4, reason: 'disclosure-request' }),
        ]),
      );
      const held = placed.find((event) => event.event.data['recordId'] === ids.consultation4)?.event.data['holdId'];
      expect(events.filter((event) => event.subject === LegalHoldReleased.subject).map((event) => event.event.data['holdId'])).toEqual([held]);
      for (const event of [...placed, ...events.filter((one) => one.subject === LegalHoldReleased.subject)]) for (const marker of MARKERS) expect(event.json).not.toContain(marker);
    });
  });
  /**
   * Meetings (支援会議・重層的支援会議) under their own rule, and what remains of a destroyed case or person in meetings
   * and households. 7: a closed case, its person alone in a household, both past their period; 8: a case closed
   * lately (not due); 9: a case still open.
   */
  describe('meetings and households', () => {
    const meetings: Record<string, string> = {};
    const meetingRow = async (id: string) =>
      (await asSystem<{ cases: unknown[]; decisions: { caseId: string; decision: string }[]; minutes: string | null; place: string | null; attendees: { name: string }[] }>(
        intake.orm,
        `select cases, decisions, minutes, place, attendees from "intake"."meeting" where id = ?`,
        [id],
      ))[0];
    const rows = (sql: string, params: unknown[]) => asSystem<Record<string, unknown>>(intake.orm, sql, params);

    async function closedCase(key: string, suffix: string, kana: string, close: boolean): Promise<void> {
      ids[`person${key}`] = (await post('/persons', personBody(suffix, kana))).body.id;
      ids[`household${key}`] = (await post('/households', { label: `${MARKER.familyName}${suffix}家`, keyPersonId: ids[`person${key}`], members: [{ personId: ids[`person${key}`], relationToKey: 'self' }] })).body.id;
      const opened = await post('/cases', { householdId: ids[`household${key}`], keyPersonId: ids[`person${key}`], track: 'pre-consent', coordinatorOrganizationId: DESK });
      expect(opened.status).toBe(201);
      ids[`case${key}`] = opened.body.id;
      if (close) expect((await post(`/cases/${opened.body.id}/close`, { reason: 'goal-achieved' })).body.status).toBe('closed');
    }

    /** A 支援会議 on the cases, with decisions, minutes, a place, an attendee's signed 誓約書 and 106条の6 material. */
    async function meeting(key: string, caseKeys: string[]): Promise<void> {
      const scheduled = await post('/meetings', {
        legalType: 'support-meeting-106-6',
        convenerOrganizationId: DESK,
        heldAt: '2026-06-10T10:00:00+09:00',
        place: MEETING.place,
        attendees: [{ name: MEETING.attendee, organizationId: ORG_A }],
        cases: caseKeys.map((caseKey) => ({ caseId: ids[`case${caseKey}`], agenda: 'information-sharing' })),
      });
      expect(scheduled.status).toBe(201);
      const id = scheduled.body.id;
      meetings[key] = id;
      const decisions = caseKeys.map((caseKey) => ({ caseId: ids[`case${caseKey}`], decision: `${MEETING.decision}${caseKey}`, roleAssignments: [{ organizationId: ORG_A, role: '見守り' }] }));
      expect((await intake.call('PATCH', `/meetings/${id}`, { body: { decisions, minutes: MEETING.minutes, version: scheduled.body.version } })).status).toBe(200);
      expect((await post(`/meetings/${id}/acknowledge-confidentiality`, { name: MEETING.attendee, organizationId: ORG_A })).status).toBe(200);
      const note = { caseId: ids[`case${caseKeys[0]}`], occurredAt: '2026-06-10T11:00:00+09:00', kind: 'meeting', text: MEETING.material, legalBasis: 'support-meeting-106-6', meetingId: id };
      expect((await post('/progress-notes', note)).status).toBe(201);
    }

    beforeAll(async () => {
      await closedCase('7', '七', 'ナナ', true);
      await closedCase('8', '八', 'ハチ', true);
      await closedCase('9', '九', 'キュウ', false);
      // A: cases 7 and 9 (9 open: not due). C, D: case 8 (erased, then deleted under a changed rule). E: case 8, held.
      await meeting('A', ['7', '9']);
      await meeting('C', ['8']);
      await meeting('D', ['8']);
      await meeting('E', ['8']);
      expect((await post('/legal-holds', { recordType: 'meeting', recordId: meetings.E, reason: 'audit' }, citySupervisor)).status).toBe(201);
      const age = `- interval '7 years'`;
      await asSystem(intake.orm, `update "intake"."meeting" set held_at = held_at ${age}`);
      await asSystem(intake.orm, `update "intake"."person" set created_at = created_at ${age} where id = ?`, [ids.person7]);
      await asSystem(intake.orm, `update "intake"."multi_agency_case" set closed_on = closed_on ${age} where id = ?`, [ids.case7]);
    }, 120_000);

    /** Lists what is due, approves ours (`keep`: ours left out) and returns our items. */
    async function listAndApprove(ours: string[], keep: string[] = []): Promise<Item[]> {
      const listed = await check();
      const items = (await intake.call('GET', `/destruction-batches/${listed.batchId}/items?perPage=100`, { token: citySupervisor })).body.items as Item[];
      const mine = items.filter((item) => ours.includes(item.recordId));
      const removeItemIds = items.filter((item) => !ours.includes(item.recordId) || keep.includes(item.recordId)).map((item) => item.id);
      expect((await post(`/destruction-batches/${listed.batchId}/approve`, { removeItemIds }, citySupervisor)).status).toBe(200);
      return mine;
    }

    it('lists a meeting past its period (not while a case on its agenda is open, never a held one) and erases it on approval; a destroyed case’s items go from the meetings that remain; a household with no one left goes', async () => {
      const ours = [ids.person7, ids.case7, ...Object.values(meetings)];
      const mine = await listAndApprove(ours, [meetings.D]);
      expect(mine.map((item) => `${item.recordType}:${item.recordId}:${item.action}`).sort()).toEqual(
        [`person:${ids.person7}:erase`, `case:${ids.case7}:delete`, `meeting:${meetings.C}:erase`, `meeting:${meetings.D}:erase`].sort(),
      );

      // Meeting A stays (case 9 is open): case 7's agenda item and decision are gone, case 9's intact; the minutes, one
      // text over both cases, are cleared.
      const a = await meetingRow(meetings.A);
      expect(a.cases).toEqual([{ caseId: ids.case9, agenda: 'information-sharing' }]);
      expect(a.decisions).toEqual([expect.objectContaining({ caseId: ids.case9, decision: `${MEETING.decision}9` })]);
      expect(a.minutes).toBeNull();
      // Case 7's 106条の6 material went with the case.
      expect(await rows(`select 1 from "intake"."progress_note" where meeting_id = ?`, [meetings.A])).toEqual([]);

      // Meeting C erased: the coded row stays (type, date, cases on the agenda), its words and the names in it do not.
      const c = await meetingRow(meetings.C);
      expect(c).toMatchObject({ cases: [{ caseId: ids.case8, agenda: 'information-sharing' }], minutes: null, place: null, attendees: [expect.objectContaining({ name: '' })] });
      expect(c.decisions).toEqual([{ caseId: ids.case8, decision: '', roleAssignments: [{ organizationId: ORG_A, role: '' }] }]);
      expect(await rows(`select attendee_name from "intake"."meeting_acknowledgement" where meeting_id = ?`, [meetings.C])).toEqual([{ attendee_name: '' }]);
      expect(await rows(`select text from "intake"."progress_note" where meeting_id = ?`, [meetings.C])).toEqual([{ text: '' }]);
      // Held (監査): never listed, untouched.
      expect(await meetingRow(meetings.E)).toMatchObject({ minutes: MEETING.minutes, place: MEETING.place });
      expect((await check()).listed).toBe(0);

      // Person 7 was the last member of their household, and case 7 the last record naming it: it is gone.
      expect(await rows(`select 1 from "intake"."household" where id = ?`, [ids.household7])).toEqual([]);
      expectProblem(await intake.call('GET', `/households/${ids.household7}`, { token: citySupervisor }), 404);
      expect((await intake.call('GET', `/households/${ids.household8}`)).body.label).toBe(`${MARKER.familyName}八家`);
    });

    it('deletes a meeting under a delete rule with its acknowledgements and 106条の6 material; the log keeps ids and codes only', async () => {
      const rule = (await intake.call('GET', '/retention-rules', { token: admin })).body.find((one: { recordType: string }) => one.recordType === 'meeting');
      expect((await intake.call('PATCH', '/retention-rules/meeting', { token: admin, body: { years: 5, action: 'delete', version: rule.version } })).status).toBe(200);
      const mine = await listAndApprove([meetings.D]);
      expect(mine).toEqual([expect.objectContaining({ recordType: 'meeting', action: 'delete', status: 'pending' })]);
      for (const table of ['meeting', 'meeting_acknowledgement', 'progress_note']) {
        const column = table === 'meeting' ? 'id' : 'meeting_id';
        expect(await rows(`select 1 from "intake"."${table}" where ${column} = ?`, [meetings.D])).toEqual([]);
      }
      expect(await meetingRow(meetings.E)).toMatchObject({ minutes: MEETING.minutes });

      const log = (await intake.call('GET', '/destruction-log?perPage=100', { token: auditor })).body;
      expect(log.items.filter((item: { recordType: string }) => item.recordType === 'meeting').map((item: { recordId: string; action: string }) => `${item.recordId}:${item.action}`).sort()).toEqual(
        [`${meetings.C}:erase`, `${meetings.D}:delete`].sort(),
      );
      const table = await asSystem<Record<string, unknown>>(intake.orm, `select * from "intake"."destruction_log"`);
      for (const text of [JSON.stringify(log), JSON.stringify(table)]) for (const marker of MARKERS) expect(text).not.toContain(marker);
    });
  });

  it('keeps for every person exactly the desks a refresh from scratch gives (intake.person_desk, ADR 0020)', async () => {
    expect((await expectPersonDesksFromScratch(intake)).length).toBeGreaterThan(0);
  });
});
