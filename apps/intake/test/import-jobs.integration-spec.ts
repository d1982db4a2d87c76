import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { API, expectProblem, startIntake, type IntakeUnderTest } from './intake-app';

const PERSONS_HEADER = '管理番号,氏名（姓）,氏名（名）,フリガナ（セイ）,フリガナ（メイ）,生年月日,性別';
const KANA = ['アオキ', 'イシダ', 'ウエノ', 'エンドウ', 'オガワ', 'カトウ', 'キムラ', 'クドウ', 'ケイ', 'コバヤシ'];

/**
 * データ取込 in the background (issue 19: progress for large files): `Prefer: respond-async` answers 202 with the job at
 * once; the job imports the file in the caller's name through the same use case (all or nothing) and shows how far it got.
 */
describe('intake: import jobs (background import with progress)', () => {
  let intake: IntakeUnderTest;
  let supervisor: string;

  const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
  const upload = async (query: string, body: string, token = supervisor) => {
    const response = await intake.app.inject({
      method: 'POST',
      url: `${API}/imports?${query}`,
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}`, prefer: 'respond-async' },
      payload: Buffer.from(body, 'utf8'),
    });
    return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body) };
  };
  const finished = async (id: string) => {
    let job: { id: string; status: string } & Record<string, unknown> = { id, status: 'running' };
    await expectEventually(async () => {
      job = (await intake.call('GET', `/imports/jobs/${id}`, { token: supervisor })).body;
      expect(job.status).not.toBe('running');
    }, { timeoutMs: 60_000, intervalMs: 100 });
    return job;
  };
  const persons = async () => (await asSystem<{ n: number }>(intake.orm, `select count(*)::int as n from "intake"."person"`))[0].n;
  const rows = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, index) => `${prefix}-${index},${prefix}姓${index},名${index},${KANA[index % 10]},ハナコ,1950-01-${String((index % 28) + 1).padStart(2, '0')},女`);

  beforeAll(async () => {
    intake = await startIntake();
    supervisor = await intake.token({ subject: 'supervisor-1', roles: ['supervisor'] });
  });
  afterAll(() => intake.close());

  it('answers 202 with the job at once, then imports the whole file in the background: progress up to every row, report as in the request', async () => {
    const before = await persons();
    const accepted = await upload('type=persons', csv(PERSONS_HEADER, ...rows(1500, 'JOB')));
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toBe(`${API}/imports/jobs/${accepted.body.id}`);
    expect(accepted.headers['preference-applied']).toBe('respond-async');
    expect(accepted.body).toMatchObject({ type: 'persons', dryRun: false, status: 'running', requestedBy: 'supervisor-1', report: null });

    const seen: number[] = [];
    await expectEventually(async () => {
      const job = (await intake.call('GET', `/imports/jobs/${accepted.body.id}`, { token: supervisor })).body;
      seen.push(job.checkedRows);
      expect(job.status).toBe('succeeded');
    }, { timeoutMs: 60_000, intervalMs: 100 });
    const job = await finished(accepted.body.id);
    expect(job).toMatchObject({ status: 'succeeded', rows: 1500, checkedRows: 1500, created: 1500, failure: null });
    expect(job.report).toMatchObject({ type: 'persons', dryRun: false, rows: 1500, created: 1500, problems: [] });
    expect(typeof job.finishedAt).toBe('string');
    // Progress only moves forward.
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(await persons()).toBe(before + 1500);
    // The import itself is recorded as in the request (its run with counts).
    const run = await intake.call('GET', `/imports/${(job.report as { id: string }).id}`, { token: supervisor });
    expect(run.body).toMatchObject({ type: 'persons', rows: 1500, created: 1500 });
  });

  it('a dry run in the background changes nothing; a file with a bad line fails with its report and imports nothing', async () => {
    const before = await persons();
    const dry = await finished((await upload('type=persons&dryRun=true', csv(PERSONS_HEADER, ...rows(20, 'DRY')))).body.id);
    expect(dry).toMatchObject({ status: 'succeeded', dryRun: true, report: expect.objectContaining({ dryRun: true, created: 20, id: null }) });

    const bad = await finished((await upload('type=persons', csv(PERSONS_HEADER, ...rows(10, 'BAD'), 'BAD-X,佐藤,花子,サトウ,ハナコ,R2.2.30,女'))).body.id);
    expect(bad).toMatchObject({ status: 'failed', rows: 11, failure: '1件の問題があるため、このファイルは取り込みませんでした' });
    expect((bad.report as { problems: Array<{ line: number; column: string }> }).problems).toEqual([expect.objectContaining({ line: 12, column: '生年月日' })]);
    expect(await persons()).toBe(before);
  });

  it('is followed by its desk only, refused to those who may not import, and reads as failed once its heartbeat stops', async () => {
    const job = await finished((await upload('type=persons&dryRun=true', csv(PERSONS_HEADER, ...rows(3, 'DESK')))).body.id);
    const otherDesk = await intake.token({ subject: 'houkatsu-sv', roles: ['supervisor'], agency: DEMO_ORGANIZATIONS.communityCareCentre.id });
    expectProblem(await intake.call('GET', `/imports/jobs/${job.id}`, { token: otherDesk }), 404);
    expectProblem(await intake.call('GET', `/imports/jobs/${job.id}`, { token: await intake.token({ subject: 'cw', roles: ['caseworker'] }) }), 403);
    expect((await upload('type=persons', csv(PERSONS_HEADER, ...rows(1, 'CW')), await intake.token({ subject: 'cw', roles: ['caseworker'] }))).status).toBe(403);
    expectProblem(await intake.call('GET', `/imports/jobs/${uuidv7()}`, { token: supervisor }), 404);

    // A replica that stopped mid-file: its transaction is gone with its connection, and the job says so.
    await asSystem(intake.orm, `update "intake"."import_job" set status = 'running', finished_at = null, heartbeat_at = now() - interval '5 minutes' where id = ?`, [job.id]);
    const cutOff = (await intake.call('GET', `/imports/jobs/${job.id}`, { token: supervisor })).body;
    expect(cutOff.status).toBe('failed');
    expect(cutOff.failure).toMatch(/途中で止まりました/);
  });
});
