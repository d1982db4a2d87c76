import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { OutreachContactLogged, OutreachStageChanged, OutreachTargetRegistered } from '@tsunagu/contracts';
import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { API, DESK, DISTRICT, expectProblem, HOUKATSU, startOutreach, type OutreachUnderTest } from './outreach-app';

const TARGETS_HEADER = '管理番号,対象者ID,場所・様子,地区ID,把握日,把握経路,リスク,課題,段階,備考';
const CONTACTS_HEADER = '管理番号,対象の管理番号,接触日時,方法,結果,観察,記録,根拠';

/** Cell text that must never come back in a problem or an event. */
const PLACE_MARKER = '取込マーカーの角の家';
const NOTE_MARKER = '取込マーカーの記録';

/**
 * データ取込 of outreach (issue 19): targets and their contacts from CSV or XLSX through the API's use cases. A dry run
 * changes nothing; a bad line fails the whole file with its line number; a re-run creates nothing; contacts name their
 * target by its source id and move its last contact; the events are the console's.
 */
describe('outreach: import of targets and contacts', () => {
  let outreach: OutreachUnderTest;
  let supervisor: string;
  let personId: string;

  const upload = async (query: string, body: Buffer | string, token?: string) => {
    const response = await outreach.app.inject({
      method: 'POST',
      url: `${API}/imports?${query}`,
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token ?? supervisor}` },
      payload: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    });
    return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body), text: response.body };
  };
  const count = async (table: string) => (await asSystem<{ n: number }>(outreach.orm, `select count(*)::int as n from "outreach"."${table}"`))[0].n;
  const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
  const sourceOf = async (type: string, sourceId: string) =>
    (await asSystem<{ target_id: string }>(outreach.orm, `select target_id from "outreach"."import_source" where record_type = ? and source_id = ?`, [type, sourceId]))[0]?.target_id;

  beforeAll(async () => {
    outreach = await startOutreach();
    supervisor = await outreach.token({ subject: 'supervisor-1', roles: ['supervisor'] });
    personId = uuidv7();
    await outreach.knowPerson(personId);
  });
  afterAll(() => outreach?.close());

  it('lists its templates for supervisors and admins only', async () => {
    const templates = await outreach.call('GET', '/imports/templates', { token: supervisor });
    expect(templates.status).toBe(200);
    expect(templates.body.map((template: { type: string }) => template.type)).toEqual(['targets', 'contacts']);
    expect(templates.body[1]).toMatchObject({ label: '訪問・接触記録', references: ['targets'] });
    expect((await outreach.call('GET', '/imports/templates')).status).toBe(403);
    expect((await upload('type=targets&dryRun=true', csv(TARGETS_HEADER, 'T-0,,場所,,,地域住民,高,,,'), await outreach.token({ roles: ['outreach-worker'] }))).status).toBe(403);
  });

  it('a dry run reports every problem by line and column and changes nothing; a real run with a bad line imports nothing', async () => {
    const file = csv(
      TARGETS_HEADER,
      `T-1,,${PLACE_MARKER},${DISTRICT},令和6年4月1日,民生委員・児童委員,高,孤独・孤立,,`,
      'T-2,,,,,地域住民,中,,,',
      `T-3,${uuidv7()},,,,関係機関,中,,,`,
      'T-4,,駅前,,2999-01-01,地域住民,中,,,',
      'T-5,,駅前,,R2.2.30,回覧板,最高,,接触できた,',
      'T-1,,別の場所,,,地域住民,低,,,',
    );
    const before = { targets: await count('outreach_target'), outbox: await count('outbox_event') };
    const dry = await upload('type=targets&dryRun=true', file);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ id: null, type: 'targets', dryRun: true, format: 'csv', encoding: 'utf-8', rows: 6, created: 1 });
    expect(dry.body.problems).toEqual([
      { line: 3, column: '場所・様子', message: '対象者IDも世帯IDもないときは場所・様子が必要です' },
      { line: 4, column: '対象者ID', message: 'この対象者IDは相談受付（intake）に登録されていません' },
      { line: 5, column: '把握日', message: '未来の日付です' },
      { line: 6, column: '把握日', message: '存在しない日付です' },
      { line: 6, column: '把握経路', message: expect.stringContaining('「民生委員・児童委員」') },
      { line: 6, column: 'リスク', message: '「高」「中」「低」のいずれかを入れてください' },
      { line: 7, column: '管理番号', message: '同じ番号が2行目にもあります' },
    ]);
    expect(dry.text).not.toContain(PLACE_MARKER);
    expect(dry.text).not.toContain('回覧板');

    const real = await upload('type=targets', file);
    expectProblem(real, 400);
    expect(real.body.errors['3行目 場所・様子']).toBeDefined();
    expect(real.body.report.problems).toHaveLength(7);
    expect({ targets: await count('outreach_target'), outbox: await count('outbox_event'), sources: await count('import_source'), runs: await count('import_run') }).toEqual({ ...before, sources: 0, runs: 0 });
  });

  it('imports targets through POST /targets’ rules and stage machine, audited as one import; a re-run creates nothing', async () => {
    const file =
      '\uFEFF' +
      csv(
        TARGETS_HEADER,
        `A-1,,${PLACE_MARKER},${DISTRICT},R6.4.1,民生委員・児童委員,高,"孤独・孤立、ひきこもり",,`,
        `A-2,${personId},,,2024/5/10,関係機関,中,,関係構築中,経過あり`,
        'A-3,,駅前の公園,,2024-06-01,地域住民,low,,終結,',
      );
    const dry = await upload('type=targets&dryRun=true', file);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 3, created: 3, unchanged: 0, problems: [] });
    expect(await count('outreach_target')).toBe(0);

    const real = await upload('type=targets', file);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ dryRun: false, rows: 3, created: 3, unchanged: 0, problems: [] });
    expect(real.body.notices).toEqual([{ line: 4, column: '段階', message: expect.stringContaining('安定（終結可）') }]);
    const [place, person, closed] = [await sourceOf('targets', 'A-1'), await sourceOf('targets', 'A-2'), await sourceOf('targets', 'A-3')];
    expect((await outreach.call('GET', `/targets/${place}`)).body).toMatchObject({
      identity: 'location-only',
      locationDescription: PLACE_MARKER,
      discoveredOn: '2024-04-01',
      discoveryRoute: 'welfare-commissioner',
      riskLevel: 'high',
      reasonTags: ['isolation', 'hikikomori'],
      stage: 'not-contacted',
      assignedOrganizationId: DESK,
    });
    expect((await outreach.call('GET', `/targets/${person}`)).body).toMatchObject({ identity: 'person', personId, stage: 'building-relationship', note: '経過あり' });
    expect((await outreach.call('GET', `/targets/${closed}`)).body).toMatchObject({ stage: 'stable', riskLevel: 'low' });

    // The console's events: target.registered for each, a stage change for every step of the way.
    await expectEventually(async () => {
      const events = await outreach.events();
      for (const id of [place, person, closed]) expect(events.filter((event) => event.event.subject === id && event.subject === OutreachTargetRegistered.subject)).toHaveLength(1);
      expect(events.filter((event) => event.event.subject === person && event.subject === OutreachStageChanged.subject).map((event) => event.event.data['toStage'])).toEqual([
        'attempting',
        'contacted',
        'building-relationship',
      ]);
      expect(JSON.stringify(events)).not.toContain(PLACE_MARKER);
    });

    // One audit record for the file (the run's id); the dry runs were checks.
    const audits = await asSystem<{ action: string; resource_id: string | null }>(outreach.orm, `select action, resource_id from "outreach"."audit_record" where resource_type = 'ImportRun' order by seq`);
    expect(audits.filter((audit) => audit.resource_id === real.body.id).map((audit) => audit.action)).toEqual(['import']);
    expect(audits.some((audit) => audit.action === 'verify')).toBe(true);

    const outbox = await count('outbox_event');
    const again = await upload('type=targets', file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 3, problems: [] });
    expect({ outbox: await count('outbox_event'), targets: await count('outreach_target'), sources: await count('import_source') }).toEqual({ outbox, targets: 3, sources: 3 });
  });

  it('writes 未接触 targets in batches as POST /targets does: a protected person’s target is protected, an unknown organisation is named on its line', async () => {
    const protectedPerson = uuidv7();
    await outreach.knowPerson(protectedPerson, { protections: ['dv-address'] });
    const header = '管理番号,対象者ID,場所・様子,把握日,把握経路,リスク,担当機関ID';
    const bad = csv(header, 'G-1,,公園,2024-04-01,地域住民,中,', `G-2,,駅前,2024-04-01,地域住民,中,${uuidv7()}`, `G-3,${protectedPerson},,2024-04-01,関係機関,高,`);
    const dry = await upload('type=targets&dryRun=true', bad);
    expect(dry.body).toMatchObject({ created: 2, problems: [{ line: 3, column: '担当機関ID', message: '登録されている機関ではありません' }] });

    const real = await upload('type=targets', csv(header, 'G-1,,公園,2024-04-01,地域住民,中,', `G-3,${protectedPerson},,2024-04-01,関係機関,高,`));
    expect(real.body).toMatchObject({ created: 2, problems: [] });
    const ids = [await sourceOf('targets', 'G-1'), await sourceOf('targets', 'G-3')];
    const rows = await asSystem<{ address_protected: boolean }>(outreach.orm, `select address_protected from "outreach"."outreach_target" where id in (?, ?) order by person_id nulls first`, ids);
    expect(rows.map((row) => row.address_protected)).toEqual([false, true]);
    await expectEventually(async () => {
      const registered = (await outreach.events()).filter((event) => event.subject === OutreachTargetRegistered.subject);
      for (const id of ids) expect(registered.filter((event) => event.event.subject === id)).toHaveLength(1);
    });
  });

  it('imports contacts on their targets by source id: the last contact and stage follow, an unknown target is reported on its cell', async () => {
    const place = await sourceOf('targets', 'A-1');
    const unknown = csv(CONTACTS_HEADER, 'C-9,A-404,2024-04-02 10:00,訪問,不在,,,社福法106条の6支援会議');
    const refused = await upload('type=contacts', unknown);
    expectProblem(refused, 400);
    expect(refused.body.report.problems).toEqual([{ line: 2, column: '対象の管理番号', message: '取込み済みのアウトリーチ対象にありません（先に対象を取り込んでください）' }]);

    // A supervisor of another desk does not see the city desk's target: the same answer as an unknown one.
    const otherDesk = await outreach.token({ subject: 'houkatsu-2', roles: ['supervisor'], agency: HOUKATSU });
    const hidden = await upload('type=contacts&dryRun=true', csv(CONTACTS_HEADER, 'C-8,A-1,2024-04-02 10:00,訪問,不在,,,社福法106条の6支援会議'), otherDesk);
    expect(hidden.body.problems).toEqual(refused.body.report.problems);

    const file = csv(
      CONTACTS_HEADER,
      // Out of order in the file: logged in the order they happened.
      `C-2,A-1,令和6年4月20日 14:30,訪問,面談できた,特記なし,${NOTE_MARKER},社福法106条の6支援会議`,
      'C-1,A-1,2024-04-02 10:00,訪問,不在,"郵便物滞留、異臭",,社福法106条の6支援会議',
      'C-3,A-1,2024/4/10,電話,応答なし,,,自機関所掌事務',
    );
    const dry = await upload('type=contacts&dryRun=true', file);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 3, created: 3, problems: [] });
    expect(await count('outreach_contact')).toBe(0);

    const real = await upload('type=contacts', file);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ created: 3, unchanged: 0, problems: [] });
    const target = (await outreach.call('GET', `/targets/${place}`)).body;
    expect(target).toMatchObject({ stage: 'contacted', lastContactAt: '2024-04-20T05:30:00.000Z', lastSuccessfulContactAt: '2024-04-20T05:30:00.000Z' });
    const contacts = (await outreach.call('GET', `/targets/${place}/contacts`)).body.items as { contactedAt: string; observations: string[]; observationNote: string | null }[];
    expect(contacts).toHaveLength(3);
    expect(contacts.find((contact) => contact.contactedAt === '2024-04-02T01:00:00.000Z')?.observations).toEqual(['mail-piling-up', 'odour']);

    await expectEventually(async () => {
      const events = (await outreach.events()).filter((event) => event.event.data['targetId'] === place);
      expect(events.filter((event) => event.subject === OutreachContactLogged.subject)).toHaveLength(3);
      expect(events.filter((event) => event.subject === OutreachStageChanged.subject).map((event) => event.event.data['toStage'])).toEqual(['attempting', 'contacted']);
      expect(JSON.stringify(events)).not.toContain(NOTE_MARKER);
    });

    const outbox = await count('outbox_event');
    const again = await upload('type=contacts', file);
    expect(again.body).toMatchObject({ created: 0, unchanged: 3, problems: [] });
    expect({ outbox: await count('outbox_event'), contacts: await count('outreach_contact') }).toEqual({ outbox, contacts: 3 });
  });

  it('keeps the time of day of contacts from XLSX date-time cells and from text with a time, in Japan time', async () => {
    const place = await sourceOf('targets', 'A-1');
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('接触記録');
    sheet.addRow(CONTACTS_HEADER.split(','));
    // Excel keeps the wall clock with no zone (exceljs writes and reads it as UTC): 9:15 on the sheet is 9:15 in Japan.
    sheet.addRow(['X-1', 'A-1', new Date(Date.UTC(2024, 4, 1, 9, 15)), '訪問', '不在', '', '', '社福法106条の6支援会議']);
    sheet.addRow(['X-2', 'A-1', new Date(Date.UTC(2024, 4, 2)), '電話', '応答なし', '', '', '自機関所掌事務']);
    sheet.addRow(['X-3', 'A-1', '令和6年5月3日 14時05分', '電話', '応答なし', '', '', '自機関所掌事務']);
    sheet.addRow(['X-4', 'A-1', '2024-05-04 08:30', '電話', '応答なし', '', '', '自機関所掌事務']);
    const reply = await upload('type=contacts', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(reply.body).toMatchObject({ format: 'xlsx', created: 4, problems: [] });
    const contacts = (await outreach.call('GET', `/targets/${place}/contacts`)).body.items as { contactedAt: string }[];
    expect(contacts.map((contact) => contact.contactedAt)).toEqual(
      expect.arrayContaining(['2024-05-01T00:15:00.000Z', '2024-05-01T15:00:00.000Z', '2024-05-03T05:05:00.000Z', '2024-05-03T23:30:00.000Z']),
    );
  });

  it('imports the documented samples (docs/import) in their order, cleanly', async () => {
    for (const type of ['targets', 'contacts']) {
      const sample = readFileSync(join(__dirname, '../../../docs/import', `outreach-${type}.csv`));
      const reply = await upload(`type=${type}`, sample);
      expect({ type, status: reply.status, problems: reply.body.problems ?? reply.body.report?.problems ?? reply.body.errors }).toEqual({ type, status: 200, problems: [] });
      expect(reply.body.created).toBeGreaterThan(0);
    }
  });

  it('refuses a file without the template’s columns, and an empty body, naming what is wrong', async () => {
    const missing = await upload('type=contacts&dryRun=true', csv('管理番号,趣味', 'X-1,読書'));
    expect(missing.body.problems).toEqual([
      { line: 1, column: '2列目', message: '「趣味」はこの様式（訪問・接触記録）の列ではありません' },
      ...['対象の管理番号', '接触日時', '方法', '結果', '根拠'].map((column) => ({ line: 1, column, message: '必須の列がありません' })),
    ]);
    expectProblem(await upload('type=contacts', ''), 415);
  });
});
