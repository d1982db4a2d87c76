import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import * as iconv from 'iconv-lite';
import { captureServiceLogs } from '@tsunagu/platform-observability';
import { asSystem, bootObserved, expectEventually, type Observed } from '@tsunagu/platform-testing';
import { API, DESK, startIntake, type IntakeUnderTest } from './intake-app';

/** Cell values that must never reach a log line or PostgreSQL's log. */
const NAME_MARKER = '取込髙志';
const COMPLAINT_MARKER = '取込マーカーの主訴';

const PERSONS_HEADER = '管理番号,氏名（姓）,氏名（名）,フリガナ（セイ）,フリガナ（メイ）,生年月日,性別,電話番号（携帯）,DV等支援措置';

/**
 * データ取込 (issue 19): a city's existing records from CSV (UTF-8, BOM, CP932) or XLSX. A dry run reports every problem
 * by line and column and changes nothing; a real run is all or nothing and idempotent by source id; duplicates of
 * existing people are reported, not merged; the events are those of the API; nothing of a cell reaches the logs.
 */
describe('intake: import of existing records', () => {
  let observed: Observed<IntakeUnderTest>;
  let intake: IntakeUnderTest;
  let supervisor: string;

  const upload = async (query: string, body: Buffer | string, options: { token?: string; contentType?: string } = {}) => {
    const response = await intake.app.inject({
      method: 'POST',
      url: `${API}/imports?${query}`,
      headers: { 'content-type': options.contentType ?? 'text/csv', authorization: `Bearer ${options.token ?? supervisor}` },
      payload: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    });
    return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body) };
  };
  const count = async (table: string) => (await asSystem<{ n: number }>(intake.orm, `select count(*)::int as n from "intake"."${table}"`))[0].n;
  const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

  beforeAll(async () => {
    observed = await bootObserved(() => startIntake(), captureServiceLogs);
    intake = observed.service;
    supervisor = await intake.token({ subject: 'supervisor-1', roles: ['supervisor'] });
  });
  afterAll(async () => {
    await intake?.close();
    await observed?.stop();
  });

  it('a dry run reports every problem by line and column in Japanese and changes nothing; a real run with a bad line imports nothing', async () => {
    const file = csv(
      PERSONS_HEADER,
      `P-001,山田,${NAME_MARKER},ヤマダ,タカシ,昭和40年1月2日,男,090-1234-0001,なし`,
      'P-002,佐藤,花子,サトウ,ハナコ,R2.2.30,女,,',
      'P-003,,,,,1980-01-01,,,',
      'P-004,鈴木,一郎,スズキ,イチロウ,2999-01-01,不詳,,たぶん',
      'P-001,重複,太郎,ジュウフク,タロウ,1970-01-01,,,',
    );
    const before = { persons: await count('person'), outbox: await count('outbox_event') };
    const dry = await upload('type=persons&dryRun=true', file);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ id: null, type: 'persons', dryRun: true, format: 'csv', encoding: 'utf-8', rows: 5 });
    expect(dry.body.problems).toEqual([
      { line: 3, column: '生年月日', message: '存在しない日付です' },
      { line: 4, column: '氏名（姓）', message: '姓かフリガナ（セイ）、氏名がわからない人は通称が必要です' },
      { line: 5, column: '生年月日', message: '未来の日付です' },
      expect.objectContaining({ line: 5, column: '性別' }),
      { line: 5, column: 'DV等支援措置', message: '「あり」か「なし」を入れてください' },
      { line: 6, column: '管理番号', message: '同じ番号が2行目にもあります' },
    ]);
    expect(dry.body.problems.find((problem: { column: string }) => problem.column === '性別').message).toContain('「男」「女」');

    const real = await upload('type=persons', file);
    expect(real.status).toBe(400);
    expect(String(real.headers['content-type'])).toContain('application/problem+json');
    expect(real.body.errors['3行目 生年月日']).toBe('存在しない日付です');
    expect(real.body.report.problems).toHaveLength(6);
    expect({ persons: await count('person'), outbox: await count('outbox_event'), sources: await count('import_source'), runs: await count('import_run') }).toEqual({ ...before, sources: 0, runs: 0 });
  });

  it('a clean run imports every row through the API’s rules and events, audited as one import; a re-run creates nothing', async () => {
    // An existing person with the same kana and birth date as line 3: reported as a possible duplicate, never merged.
    const existing = await intake.call('POST', '/persons', { body: { familyName: '田中', familyNameKana: 'タナカ', givenNameKana: 'ミチコ', birthDate: '1950-03-04' } });
    expect(existing.status).toBe(201);
    const file =
      '\uFEFF' +
      csv(
        PERSONS_HEADER,
        `A-1,山田,${NAME_MARKER},ﾔﾏﾀﾞ,ﾀｶｼ,昭和40年1月2日,男,090-1234-0001,なし`,
        'A-2,田中,美智子,タナカ,ミチコ,S25.3.4,女,,あり',
        'A-3,"=HYPERLINK(""http://example.invalid"",""x"")",,カナ,,2001/2/3,,,',
      );
    const dry = await upload('type=persons&dryRun=true', file);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 3, created: 3, unchanged: 0, problems: [] });
    expect(await count('import_source')).toBe(0);

    const real = await upload('type=persons', file);
    expect(real.status).toBe(200);
    expect(real.body).toMatchObject({ dryRun: false, rows: 3, created: 3, unchanged: 0, problems: [] });
    expect(real.body.duplicates).toEqual([{ line: 3, candidateIds: [existing.body.id], candidateLines: [], matchedOn: ['kana-birth-date'] }]);
    const runId = real.body.id as string;

    const sources = await asSystem<{ source_id: string; target_id: string }>(intake.orm, `select source_id, target_id from "intake"."import_source" where record_type = 'persons' order by source_id`);
    expect(sources.map((source) => source.source_id)).toEqual(['A-1', 'A-2', 'A-3']);
    const [yamada, tanaka, formula] = sources.map((source) => source.target_id);
    const person = (await intake.call('GET', `/persons/${yamada}`)).body;
    // The same rules as the API: kana stored full-width, 和暦 read, 未確認 by default, the importer's desk.
    expect(person).toMatchObject({ familyNameKana: 'ヤマダ', givenNameKana: 'タカシ', birthDate: '1965-01-02', sex: 'male', identityLevel: 'unconfirmed' });
    const [owner] = await asSystem<{ registered_by_organization: string }>(intake.orm, `select registered_by_organization from "intake"."person" where id = ?`, [yamada]);
    expect(owner.registered_by_organization).toBe(DESK);
    // A formula-looking cell is text, stored as it was written.
    expect((await intake.call('GET', `/persons/${formula}`)).body.familyName).toBe('=HYPERLINK("http://example.invalid","x")');

    // The events of the API: person.registered for each, the protection of the DV-protected one.
    await expectEventually(async () => {
      const events = await intake.events();
      for (const id of [yamada, tanaka, formula]) expect(events.filter((event) => event.event.subject === id && event.subject === 'tsunagu.evt.intake.person.registered')).toHaveLength(1);
      expect(events.filter((event) => event.event.subject === tanaka && event.subject === 'tsunagu.evt.intake.person.protection-changed')).toHaveLength(1);
    });

    // One audit record for the file (the run's id), naming the people it wrote; the dry runs were checks.
    const audits = await asSystem<{ action: string; resource_type: string; resource_id: string | null; subject_ids: string[] }>(
      intake.orm,
      `select action, resource_type, resource_id, subject_ids from "intake"."audit_record" where resource_type = 'ImportRun' order by seq`,
    );
    const importAudit = audits.find((audit) => audit.resource_id === runId);
    expect(importAudit?.action).toBe('import');
    expect(importAudit?.subject_ids).toEqual(expect.arrayContaining([yamada, tanaka, formula]));
    expect(audits.some((audit) => audit.action === 'verify')).toBe(true);

    const run = await intake.call('GET', `/imports/${runId}`, { token: supervisor });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ id: runId, type: 'persons', status: 'completed', rows: 3, created: 3, unchanged: 0, duplicateCandidates: 1, organizationId: DESK, importedBy: 'supervisor-1' });

    const outbox = await count('outbox_event');
    const persons = await count('person');
    const again = await upload('type=persons', file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 3, problems: [] });
    expect({ outbox: await count('outbox_event'), persons: await count('person'), sources: await count('import_source') }).toEqual({ outbox, persons, sources: 3 });
  });

  it('reports duplicates within a file by line, across its write batches, and of existing people by id', async () => {
    const existing = await intake.call('POST', '/persons', { body: { familyName: '重複', familyNameKana: 'チョウフク', givenNameKana: 'イチ', birthDate: '1961-01-01' } });
    expect(existing.status).toBe(201);
    // 250 rows (more than one write batch of 200): every row unique but line 2 = line 249 (kana and birth date),
    // line 4's phone = line 250's, and line 251 is the existing person.
    const unique = Array.from({ length: 247 }, (_, i) => `B-${i},試験,${i},シケン,${'アイウエオカキクケコ'[i % 10]}${i},1970-01-01,,080-0000-${String(1000 + i)},`);
    const file = csv(
      PERSONS_HEADER,
      ...unique,
      'B-X1,試験,同,シケン,ア0,1970-01-01,,,',
      'B-X2,試験,電話,シケンデンワ,,1980-02-02,,080-0000-1002,',
      'B-X3,重複,一,チョウフク,イチ,S36.1.1,,,',
    );
    const dry = await upload('type=persons&dryRun=true', file);
    expect(dry.body).toMatchObject({ rows: 250, created: 250, problems: [] });
    expect(dry.body.duplicates).toEqual([
      { line: 249, candidateIds: [], candidateLines: [2], matchedOn: ['kana-birth-date'] },
      { line: 250, candidateIds: [], candidateLines: [4], matchedOn: ['phone'] },
      { line: 251, candidateIds: [existing.body.id], candidateLines: [], matchedOn: ['kana-birth-date'] },
    ]);
    const real = await upload('type=persons', file);
    expect(real.body).toMatchObject({ created: 250, problems: [] });
    expect(real.body.duplicates).toEqual(dry.body.duplicates);
  });

  it('households name their members, and consultations their person, by the old system’s ids (older 年度 accepted)', async () => {
    await upload('type=persons', csv(PERSONS_HEADER, 'H-1,高松,一郎,タカマツ,イチロウ,1955-05-05,男,,', 'H-2,高松,春子,タカマツ,ハルコ,1958-06-06,女,,'));
    const households = csv(
      '世帯管理番号,世帯名,世帯員の管理番号,続柄,同居,主たる介護者,住基世帯番号',
      'S-1,高松家,H-1,本人,あり,なし,0012345',
      'S-1,,H-2,配偶者,あり,あり,',
      'S-2,幽霊家,H-404,本人,,,',
    );
    const refused = await upload('type=households&dryRun=true', households);
    expect(refused.body.problems).toEqual([{ line: 4, column: '世帯員の管理番号', message: '取込み済みの対象者にありません（先に対象者を取り込んでください）' }]);
    const imported = await upload('type=households', households.split('\r\n').slice(0, 3).join('\r\n'));
    expect(imported.body).toMatchObject({ rows: 2, created: 1, problems: [] });
    const [household] = await asSystem<{ target_id: string }>(intake.orm, `select target_id from "intake"."import_source" where record_type = 'households'`);
    const view = (await intake.call('GET', `/households/${household.target_id}`)).body;
    expect(view).toMatchObject({ label: '高松家', jukiSetaiNumbers: ['0012345'] });
    expect(view.members.map((member: { relationToKey: string; mainCarer: boolean }) => [member.relationToKey, member.mainCarer])).toEqual([
      ['self', false],
      ['spouse', true],
    ]);

    const consultations = csv(
      '相談管理番号,受付日,対象者の管理番号,相談経路,来談者,相談内容,主たる相談内容,主訴,緊急度,情報共有の同意,計上事業',
      `C-1,平成30年4月2日,H-1,電話,本人,収入・生活費、住まい,収入・生活費,${COMPLAINT_MARKER},中,同意あり,つながる福祉相談窓口`,
    );
    const consultation = await upload('type=consultations', consultations);
    expect(consultation.body).toMatchObject({ created: 1, problems: [] });
    const [source] = await asSystem<{ target_id: string }>(intake.orm, `select target_id from "intake"."import_source" where record_type = 'consultations'`);
    const received = (await intake.call('GET', `/consultations/${source.target_id}`)).body;
    expect(received).toMatchObject({ fiscalYear: 2018, route: 'phone', categories: ['income', 'housing'], receivingOrganizationId: DESK });
    await expectEventually(async () => {
      expect((await intake.events()).some((event) => event.event.subject === source.target_id && event.subject === 'tsunagu.evt.intake.consultation.received')).toBe(true);
    });
  });

  it('reads CP932 (外字 reported, not mangled) and XLSX; refuses NUL in a cell as a problem of that cell, not a 500', async () => {
    // 0xF040 is the first code of CP932's user-defined area (外字).
    const cp932 = Buffer.concat([
      iconv.encode(csv(PERSONS_HEADER, 'J-1,髙橋,一,タカハシ,ハジメ,令和元年5月1日,,,').replace(/\r\n$/, '\r\n'), 'cp932'),
      iconv.encode('J-2,', 'cp932'),
      Buffer.from([0xf0, 0x40]),
      iconv.encode('田,,ソトジ,,1990-01-01,,,\r\n', 'cp932'),
    ]);
    const read = await upload('type=persons&dryRun=true', cp932);
    expect(read.body).toMatchObject({ encoding: 'cp932', rows: 2, created: 1 });
    expect(read.body.problems).toEqual([{ line: 3, column: '氏名（姓）', message: expect.stringContaining('外字') }]);
    const fixed = await upload('type=persons&encoding=cp932', iconv.encode(csv(PERSONS_HEADER, 'J-1,髙橋,一,タカハシ,ハジメ,令和元年5月1日,,,'), 'cp932'));
    expect(fixed.body).toMatchObject({ created: 1, problems: [] });
    const [kanji] = await asSystem<{ family_name: string; birth_date: string }>(intake.orm, `select p.family_name, p.birth_date::text from "intake"."person" p join "intake"."import_source" s on s.target_id = p.id where s.source_id = 'J-1'`);
    expect(kanji).toEqual({ family_name: '髙橋', birth_date: '2019-05-01' });

    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('対象者');
    sheet.addRow(['管理番号', '氏名（姓）', 'フリガナ（セイ）', '生年月日']);
    sheet.addRow(['X-1', '香川', 'カガワ', new Date(Date.UTC(1988, 7, 9))]);
    sheet.addRow(['X-2', '小豆', 'ショウズ', 'R5.13.1']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const fromExcel = await upload('type=persons&dryRun=true', xlsx, { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(fromExcel.body).toMatchObject({ format: 'xlsx', encoding: 'xlsx', rows: 2, created: 1, problems: [{ line: 3, column: '生年月日', message: '存在しない日付です' }] });

    const hostile = await upload('type=persons&dryRun=true', csv(PERSONS_HEADER, 'N-1,山\u0000田,,ヤマダ,,,,,'));
    expect(hostile.status).toBe(200);
    expect(hostile.body.problems).toEqual([{ line: 2, column: '氏名（姓）', message: '制御文字（NUL など）が含まれています' }]);
  });

  it('imports the documented samples (docs/import) in their order, cleanly', async () => {
    for (const type of ['persons', 'households', 'consultations']) {
      const sample = readFileSync(join(__dirname, '../../../docs/import', `${type}.csv`));
      const reply = await upload(`type=${type}`, sample);
      expect({ type, status: reply.status, problems: reply.body.problems ?? reply.body.report?.problems ?? reply.body.errors }).toEqual({ type, status: 200, problems: [] });
      expect(reply.body.created).toBeGreaterThan(0);
    }
  });

  it('refuses bad requests as problem+json naming the field, and callers who may not import', async () => {
    const file = csv(PERSONS_HEADER, 'Z-1,山田,,ヤマダ,,,,,');
    const badType = await upload('type=people', file);
    expect(badType.status).toBe(400);
    expect(Object.keys(badType.body.errors)).toEqual(['type']);
    const badEncoding = await upload('type=persons&encoding=latin1', file);
    expect(Object.keys(badEncoding.body.errors)).toEqual(['encoding']);
    const notUtf8 = await upload('type=persons&encoding=utf-8', Buffer.from([0x82, 0xa0, 0x0a]));
    expect(notUtf8.status).toBe(400);
    expect(Object.keys(notUtf8.body.errors)).toEqual(['encoding']);
    const empty = await upload('type=persons', '管理番号\r\n');
    expect(Object.keys(empty.body.errors)).toEqual(['body']);
    const unknownColumn = await upload('type=persons&dryRun=true', csv('管理番号,好きな食べ物', 'Z-1,うどん'));
    expect(unknownColumn.body.problems).toEqual([{ line: 1, column: '2列目', message: '「好きな食べ物」はこの様式（対象者）の列ではありません' }]);
    const missing = await upload('type=households&dryRun=true', csv('世帯管理番号', 'S-9'));
    expect(missing.body.problems.map((problem: { column: string }) => problem.column)).toEqual(['世帯員の管理番号', '続柄']);
    const caseworker = await upload('type=persons&dryRun=true', file, { token: await intake.token({ subject: 'caseworker-1', roles: ['caseworker'] }) });
    expect(caseworker.status).toBe(403);
    const templates = await intake.call('GET', '/imports/templates', { token: supervisor });
    expect(templates.body.map((template: { type: string }) => template.type)).toEqual(['persons', 'households', 'consultations', 'consents', 'referrals', 'cases', 'plans']);
  });

  it('writes no cell value to the service log or PostgreSQL’s log', async () => {
    for (const marker of [NAME_MARKER, COMPLAINT_MARKER, '好きな食べ物']) {
      expect(observed.logs.containing(marker)).toEqual([]);
      expect(observed.postgres.log.containing(marker)).toEqual([]);
    }
  });
});
