import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureServiceLogs } from '@tsunagu/platform-observability';
import { asSystem, bootObserved, expectEventually, type Observed } from '@tsunagu/platform-testing';
import { API, DESK, expectPersonDesksFromScratch, type IntakeUnderTest, ORG_A, ORG_B, startIntake } from './intake-app';

const NOTE_MARKER = '取込マーカーの撤回理由';
const WISH_MARKER = '取込マーカーの意向';
/** An id nobody has: neither a person nor an organisation. */
const UNKNOWN_ID = '01900000-0000-7000-8000-0000000fffff';

/**
 * データ取込 of consents, referrals, cases and plans (issue 19): rows name earlier imports by source id, go through the
 * API's use cases (and their transitions, in order), publish the console's events, fail the whole file on a bad
 * line, and change nothing when re-run or dry-run. States the API reaches only through meetings are imported as
 * the nearest state and said so in `notices`.
 */
describe('intake: import of consents, referrals, cases and plans', () => {
  let observed: Observed<IntakeUnderTest>;
  let intake: IntakeUnderTest;
  let supervisor: string;

  const upload = async (query: string, body: string) => {
    const response = await intake.app.inject({
      method: 'POST',
      url: `${API}/imports?${query}`,
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${supervisor}` },
      payload: Buffer.from(body, 'utf8'),
    });
    return { status: response.statusCode, body: JSON.parse(response.body) };
  };
  const count = async (table: string) => (await asSystem<{ n: number }>(intake.orm, `select count(*)::int as n from "intake"."${table}"`))[0].n;
  const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
  const target = async (type: string, sourceId: string) =>
    (await asSystem<{ target_id: string }>(intake.orm, `select target_id from "intake"."import_source" where record_type = ? and source_id = ?`, [type, sourceId]))[0]?.target_id;
  const eventsOf = async (id: string) => (await intake.events()).filter((event) => event.event.subject === id).map((event) => event.subject.replace('tsunagu.evt.intake.', ''));
  /** A clean real run is a no-op the second time: nothing created, no event, no row. */
  const expectIdempotent = async (type: string, file: string, rows: number) => {
    const outbox = await count('outbox_event');
    const sources = await count('import_source');
    const again = await upload(`type=${type}`, file);
    expect(again.body).toMatchObject({ created: 0, unchanged: rows, problems: [] });
    expect({ outbox: await count('outbox_event'), sources: await count('import_source') }).toEqual({ outbox, sources });
  };

  const CONSENTS_HEADER = '同意管理番号,対象者の管理番号,同意の範囲,対象機関,取得方法,取得日,状態,撤回日,撤回の理由';
  const REFERRALS_HEADER = 'つなぎ管理番号,相談管理番号,つなぎ先機関,つなぎ日,情報提供の根拠,根拠の会議,状態,理由,回答の補足,初回接触日';
  const CASES_HEADER = 'ケース管理番号,世帯管理番号,キーパーソンの管理番号,相談管理番号,トラック,状態,多機関協働事業者,参加機関,開始日,終結日,終結理由';
  const PLANS_HEADER = 'プラン管理番号,ケース管理番号,版,本人・世帯の意向,長期目標,短期目標,状態';

  beforeAll(async () => {
    observed = await bootObserved(() => startIntake(), captureServiceLogs);
    intake = observed.service;
    supervisor = await intake.token({ subject: 'supervisor-1', roles: ['supervisor'] });
    // The people, household and consultation the rows below name, imported as a city would.
    for (const [type, file] of [
      ['persons', csv('管理番号,氏名（姓）,氏名（名）,フリガナ（セイ）,生年月日', 'P-1,讃岐,一郎,サヌキ,1960-01-01', 'P-2,讃岐,花子,サヌキ,1962-02-02', 'P-3,阿波,三郎,アワ,1970-03-03')],
      ['households', csv('世帯管理番号,世帯名,世帯員の管理番号,続柄', 'S-1,讃岐家,P-1,本人', 'S-1,,P-2,配偶者', 'S-2,阿波家,P-3,本人')],
      ['consultations', csv('相談管理番号,受付日,対象者の管理番号,相談経路,来談者,相談内容,主たる相談内容,緊急度,情報共有の同意,計上事業', 'C-1,令和5年4月3日,P-1,電話,本人,住まい,住まい,中,同意あり,つながる福祉相談窓口')],
    ] as const) {
      expect((await upload(`type=${type}`, file)).body).toMatchObject({ problems: [] });
    }
  });
  afterAll(async () => {
    await intake?.close();
    await observed?.stop();
  });

  it('consents: a dry run changes nothing; unknown persons and a bad line fail the file by line; a clean file records and withdraws as the console does; a re-run is a no-op', async () => {
    const bad = csv(
      CONSENTS_HEADER,
      'D-1,P-1,関係機関との情報共有,,署名,令和5年4月3日,取得,,',
      'D-2,P-404,重層的支援会議での共有,,署名,令和5年4月3日,取得,,',
      'D-3,P-2,特定機関への提供,,口頭（記録）,R5.5.1,撤回,,',
      // References the API refuses (an unknown person's id, an unknown organisation): checked with the rows around them.
      `D-4,${UNKNOWN_ID},関係機関との情報共有,,署名,令和5年4月3日,取得,,`,
      `D-5,P-1,特定機関への提供,${UNKNOWN_ID},署名,令和5年4月3日,取得,,`,
      'D-6,P-2,関係機関との情報共有,,署名,令和5年4月3日,取得,,',
    );
    const before = { consents: await count('consent'), outbox: await count('outbox_event') };
    const dry = await upload('type=consents&dryRun=true', bad);
    expect(dry.status).toBe(200);
    expect(dry.body.problems).toEqual([
      { line: 3, column: '対象者の管理番号', message: '取込み済みの対象者にありません（先に対象者を取り込んでください）' },
      { line: 4, column: '撤回日', message: '状態が撤回のときは必須です' },
      { line: 5, column: '対象者の管理番号', message: '見つかりません' },
      { line: 6, column: '対象機関', message: '見つかりません' },
    ]);
    expect(dry.body).toMatchObject({ rows: 6, created: 2 });
    const refused = await upload('type=consents', bad);
    expect(refused.status).toBe(400);
    expect(refused.body.report.problems).toHaveLength(4);
    // 特定機関への提供 without organisations is the API's refusal, on its column.
    const noTarget = await upload('type=consents&dryRun=true', csv(CONSENTS_HEADER, 'D-3,P-2,特定機関への提供,,口頭（記録）,R5.5.1,取得,,'));
    expect(noTarget.body.problems).toEqual([{ line: 2, column: '対象機関', message: '特定機関への提供では対象機関が必要です' }]);
    expect({ consents: await count('consent'), outbox: await count('outbox_event'), sources: await count('import_source') }).toEqual({ ...before, sources: 6 });

    const file = csv(
      CONSENTS_HEADER,
      'D-1,P-1,関係機関との情報共有,,署名,令和5年4月3日,取得,,',
      'D-2,P-1,重層的支援会議での共有,,署名,令和5年4月3日,取得,,',
      `D-3,P-2,特定機関への提供,${ORG_A},口頭（記録）,R5.5.1,撤回,R5.6.1,${NOTE_MARKER}`,
    );
    const real = await upload('type=consents', file);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ rows: 3, created: 3, unchanged: 0, notices: [], problems: [] });
    const withdrawn = (await intake.call('GET', `/consents/${await target('consents', 'D-3')}`)).body;
    // The old system's days, not the import's.
    expect(withdrawn).toMatchObject({ status: 'withdrawn', scope: 'named-organization', targetOrganizationIds: [ORG_A], method: 'oral-recorded', obtainedByOrganizationId: DESK, withdrawalReason: NOTE_MARKER });
    expect([withdrawn.obtainedAt, withdrawn.withdrawnAt]).toEqual(['2023-04-30T15:00:00.000Z', '2023-05-31T15:00:00.000Z']);
    await expectEventually(async () => {
      expect(await eventsOf(await target('consents', 'D-1'))).toEqual(['consent.recorded']);
      expect(await eventsOf(withdrawn.id)).toEqual(['consent.recorded', 'consent.withdrawn']);
    });
    // One audit record for the file, naming the people whose consents it wrote.
    const audits = await asSystem<{ action: string; subject_ids: string[] }>(intake.orm, `select action, subject_ids from "intake"."audit_record" where resource_type = 'ImportRun' and resource_id = ?`, [real.body.id]);
    expect(audits).toEqual([{ action: 'import', subject_ids: expect.arrayContaining([await target('persons', 'P-1'), await target('persons', 'P-2')]) }]);
    await expectIdempotent('consents', file, 3);
  });

  it('referrals: requested under their basis, then answered in the API’s order up to the old system’s state, with reason codes', async () => {
    const bad = csv(
      REFERRALS_HEADER,
      `R-1,C-1,${ORG_A},令和5年4月10日,本人同意,,完了,,,令和5年4月20日`,
      `R-2,C-404,${ORG_B},令和5年4月10日,本人同意,,依頼,,,`,
      `R-3,C-1,${ORG_B},令和5年4月10日,本人同意,,不受理,,,`,
      `R-4,C-1,${ORG_B},令和5年4月10日,社福法106条の6支援会議,,依頼,,,`,
    );
    const outbox = await count('outbox_event');
    const dry = await upload('type=referrals&dryRun=true', bad);
    expect(dry.body.problems).toEqual([
      { line: 3, column: '相談管理番号', message: '取込み済みの相談にありません（先に相談を取り込んでください）' },
      { line: 4, column: '理由', message: '不受理・不調のときは必須です' },
      { line: 5, column: '根拠の会議', message: '106条の6の支援会議による場合は、その会議を書いてください' },
    ]);
    expect((await upload('type=referrals', bad)).status).toBe(400);
    expect({ referrals: await count('referral'), outbox: await count('outbox_event') }).toEqual({ referrals: 0, outbox });

    const file = csv(
      REFERRALS_HEADER,
      `R-1,C-1,${ORG_A},令和5年4月10日,本人同意,,完了,,,令和5年4月20日`,
      `R-2,C-1,${ORG_B},令和5年4月11日,社福法106条の6支援会議,令和5年4月 第1回支援会議,不調,連絡不能,,`,
      `R-3,C-1,${ORG_B},2023-04-12,本人同意,,不受理,その他,受入れの条件が合わない`,
      `R-4,C-1,${ORG_A},2023-04-13,本人同意,,受理,,,`,
    );
    const real = await upload('type=referrals', file);
    expect(real.body).toMatchObject({ created: 4, problems: [] });
    const [completed, failed, declined, accepted] = await Promise.all(['R-1', 'R-2', 'R-3', 'R-4'].map(async (id) => (await intake.call('GET', `/referrals/${await target('referrals', id)}`)).body));
    expect(completed).toMatchObject({ status: 'completed', referredOn: '2023-04-10', firstContactOn: '2023-04-20', infoBasis: 'consent', fromOrganizationId: DESK, toOrganizationId: ORG_A });
    expect(failed).toMatchObject({ status: 'failed', reasonCode: 'unreachable', infoBasis: 'support-meeting-106-6' });
    expect(declined).toMatchObject({ status: 'declined', reasonCode: 'other' });
    expect(accepted).toMatchObject({ status: 'accepted' });
    await expectEventually(async () => {
      expect(await eventsOf(completed.id)).toEqual(['referral.requested', 'referral.accepted', 'referral.completed']);
      expect(await eventsOf(failed.id)).toEqual(['referral.requested', 'referral.accepted', 'referral.failed']);
      expect(await eventsOf(declined.id)).toEqual(['referral.requested', 'referral.declined']);
    });
    await expectIdempotent('referrals', file, 4);
  });

  it('cases and their plans: opened on their day and moved as far as the API’s rules go without meetings, the rest said in notices', async () => {
    const bad = csv(
      CASES_HEADER,
      `K-1,S-1,P-1,C-1,重層,支援実施中,${DESK},${ORG_A},令和5年5月1日,,`,
      `K-2,S-404,P-1,,重層,受理,${DESK},,令和5年5月1日,,`,
      `K-3,S-2,P-3,,支援会議,アセスメント中,${DESK},,令和5年5月1日,,`,
      `K-4,S-2,P-3,,重層,受理,${DESK},,令和5年5月1日,,`,
    );
    const dry = await upload('type=cases&dryRun=true', bad);
    expect(dry.body.problems).toEqual([
      { line: 3, column: '世帯管理番号', message: '取込み済みの世帯にありません（先に世帯を取り込んでください）' },
      { line: 4, column: '状態', message: '支援会議トラックのケースは「潜在（同意前）」か「終結」です' },
      // The 重層 track needs the key person's consent (P-3 has none): the API's rule, on the track's column.
      { line: 5, column: 'トラック', message: 'キーパーソンの「重層的支援会議での共有」の同意がありません（先に同意を取り込んでください）' },
    ]);
    expect(await count('multi_agency_case')).toBe(0);

    const cases = csv(
      CASES_HEADER,
      `K-1,S-1,P-1,C-1,重層,支援実施中,${DESK},${ORG_A},令和5年5月1日,,`,
      `K-2,S-2,P-3,,支援会議,潜在,${DESK},,令和5年5月2日,,`,
      `K-3,S-2,P-3,,重層,終結,${DESK},,令和4年4月1日,令和5年3月31日,連絡途絶`,
    );
    const real = await upload('type=cases', cases);
    expect(real.body).toMatchObject({ created: 3, problems: [] });
    expect(real.body.notices).toEqual([
      { line: 2, column: '状態', message: '「支援実施中」は会議の記録がないため「プラン作成中」として取り込みます' },
      { line: 4, column: 'トラック', message: '終結した重層のケースは、会議の記録がないため支援会議トラックから終結したケースとして取り込みます' },
    ]);
    const [planning, potential, closed] = await Promise.all(['K-1', 'K-2', 'K-3'].map(async (id) => (await intake.call('GET', `/cases/${await target('cases', id)}`)).body));
    expect(planning).toMatchObject({ status: 'planning', track: 'consented', openedOn: '2023-05-01', memberOrganizationIds: [ORG_A] });
    expect(planning.caseNo).toMatch(/^C-R5-/);
    expect(potential).toMatchObject({ status: 'potential', track: 'pre-consent' });
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2023-03-31', closureReason: 'lost-contact', openedOn: '2022-04-01' });
    await expectEventually(async () => {
      expect(await eventsOf(planning.id)).toEqual(['case.opened', 'case.status-changed', 'case.status-changed']);
      expect(await eventsOf(closed.id)).toEqual(['case.opened', 'case.closed']);
    });
    await expectIdempotent('cases', cases, 3);

    // Plans: in version order whatever the file's order; a plan on a case that cannot take one is a problem of its case cell.
    const badPlans = csv(PLANS_HEADER, 'L-1,K-2,1,意向,目標,,下書き', 'L-2,K-404,1,,,,', 'L-3,K-1,x,,,,');
    expect((await upload('type=plans&dryRun=true', badPlans)).body.problems).toEqual([
      { line: 2, column: 'ケース管理番号', message: 'このケースの状態（潜在（同意前））ではプランを取り込めません（アセスメント中かプラン作成中のケースに）' },
      { line: 3, column: 'ケース管理番号', message: '取込み済みのケースにありません（先にケースを取り込んでください）' },
      { line: 4, column: '版', message: '1以上の整数を入れてください' },
    ]);
    const plans = csv(PLANS_HEADER, `L-2,K-1,2,${WISH_MARKER},"住まいを保つ\n就労を続ける",家計表をつける；週1回の面談,承認`, 'L-1,K-1,1,最初の意向,住まいを保つ,,下書き');
    const planRun = await upload('type=plans', plans);
    expect(planRun.body).toMatchObject({ created: 2, problems: [] });
    expect(planRun.body.notices).toEqual([{ line: 2, column: '状態', message: '「承認（支援決定）」のプランは、承認した重層的支援会議の記録がないため「下書き」として取り込みます' }]);
    const second = (await intake.call('GET', `/plans/${await target('plans', 'L-2')}`)).body;
    expect(second).toMatchObject({ planVersion: 2, status: 'draft', wishes: WISH_MARKER });
    expect(second.goals.map((goal: { term: string; text: string }) => [goal.term, goal.text])).toEqual([
      ['long', '住まいを保つ'],
      ['long', '就労を続ける'],
      ['short', '家計表をつける'],
      ['short', '週1回の面談'],
    ]);
    expect((await intake.call('GET', `/plans/${await target('plans', 'L-1')}`)).body).toMatchObject({ planVersion: 1, status: 'draft' });
    await expectEventually(async () => expect(await eventsOf(second.id)).toEqual(['plan.drafted']));
    await expectIdempotent('plans', plans, 2);
  });

  it('imports the documented samples (docs/import) after the first three, cleanly, and lists every template', async () => {
    for (const type of ['persons', 'households', 'consultations', 'consents', 'referrals', 'cases', 'plans']) {
      const sample = readFileSync(join(__dirname, '../../../docs/import', `${type}.csv`));
      const reply = await intake.app.inject({ method: 'POST', url: `${API}/imports?type=${type}`, headers: { 'content-type': 'text/csv', authorization: `Bearer ${supervisor}` }, payload: sample });
      const body = JSON.parse(reply.body);
      expect({ type, status: reply.statusCode, problems: body.problems ?? body.report?.problems ?? body.errors }).toEqual({ type, status: 200, problems: [] });
      expect(body.created).toBeGreaterThan(0);
    }
    const templates = await intake.call('GET', '/imports/templates', { token: supervisor });
    expect(templates.body.map((template: { type: string; references: string[] }) => [template.type, template.references])).toEqual([
      ['persons', []],
      ['households', ['persons']],
      ['consultations', ['persons']],
      ['consents', ['persons']],
      ['referrals', ['consultations']],
      ['cases', ['persons', 'households', 'consultations']],
      ['plans', ['cases']],
    ]);
  });

  it('consents: one imported for someone whose open referral lapsed restores it, as one recorded in the console does', async () => {
    const referral = await target('referrals', 'R-4');
    expect((await intake.call('POST', `/consents/${await target('consents', 'D-1')}/withdraw`, { token: supervisor, body: {} })).status).toBeLessThan(300);
    expect((await intake.call('GET', `/referrals/${referral}`, { token: supervisor })).body).toMatchObject({ status: 'accepted', consentLapsed: true });
    const reply = await upload('type=consents', csv(CONSENTS_HEADER, 'D-8,P-2,関係機関との情報共有,,署名,令和5年7月1日,取得,,', 'D-9,P-1,関係機関との情報共有,,署名,令和5年7月1日,取得,,'));
    expect(reply.body).toMatchObject({ created: 2, problems: [] });
    const restored = (await intake.call('GET', `/referrals/${referral}`, { token: supervisor })).body;
    expect(restored).toMatchObject({ consentLapsed: false, consentId: await target('consents', 'D-9') });
  });

  it('writes no cell value to the service log or PostgreSQL’s log', async () => {
    for (const marker of [NOTE_MARKER, WISH_MARKER]) {
      expect(observed.logs.containing(marker)).toEqual([]);
      expect(observed.postgres.log.containing(marker)).toEqual([]);
    }
  });

  it('keeps for every person exactly the desks a refresh from scratch gives (intake.person_desk, ADR 0020)', async () => {
    expect((await expectPersonDesksFromScratch(intake)).length).toBeGreaterThan(0);
  });
});
