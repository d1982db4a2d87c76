import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { API, expectProblem, HOUKATSU, startOutreach, type OutreachUnderTest } from './outreach-app';

const TARGETS_HEADER = '管理番号,対象者ID,場所・様子,地区ID,把握日,把握経路,リスク,課題,段階,備考';

/**
 * データ取込 of outreach in the background (issue 19: progress for large files), as intake's: `Prefer: respond-async`
 * answers 202 with the job at once; the job imports the file in the caller's name through the same use case (all or
 * nothing), shows how far it got, and is read by its desk in its municipality only.
 */
describe('outreach: import jobs (background import with progress)', () => {
  let outreach: OutreachUnderTest;
  let supervisor: string;

  const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
  const upload = async (query: string, body: string, token = supervisor) => {
    const response = await outreach.app.inject({
      method: 'POST',
      url: `${API}/imports?${query}`,
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}`, prefer: 'respond-async' },
      payload: Buffer.from(body, 'utf8'),
    });
    return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body) };
  };
  const finished = async (id: string, seen: number[] = []) => {
    let job: { id: string; status: string } & Record<string, unknown> = { id, status: 'running' };
    await expectEventually(async () => {
      job = (await outreach.call('GET', `/imports/jobs/${id}`, { token: supervisor })).body;
      seen.push(job.checkedRows as number);
      expect(job.status).not.toBe('running');
    }, { timeoutMs: 120_000, intervalMs: 100 });
    return job;
  };
  const targets = async () => (await asSystem<{ n: number }>(outreach.orm, `select count(*)::int as n from "outreach"."outreach_target"`))[0].n;
  const rows = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix}-${index},,${prefix}の${index}番目の家,,2024-04-01,地域住民,中,,,`);

  beforeAll(async () => {
    outreach = await startOutreach();
    supervisor = await outreach.token({ subject: 'supervisor-1', roles: ['supervisor'] });
  });
  afterAll(() => outreach?.close());

  it('answers 202 with the job at once, then imports the whole file in the background: progress up to every row, report as in the request', async () => {
    const before = await targets();
    const accepted = await upload('type=targets', csv(TARGETS_HEADER, ...rows(300, 'JOB')));
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toBe(`${API}/imports/jobs/${accepted.body.id}`);
    expect(accepted.headers['preference-applied']).toBe('respond-async');
    expect(accepted.body).toMatchObject({ type: 'targets', dryRun: false, status: 'running', requestedBy: 'supervisor-1', report: null });

    const seen: number[] = [];
    const job = await finished(accepted.body.id, seen);
    expect(job).toMatchObject({ status: 'succeeded', rows: 300, checkedRows: 300, created: 300, failure: null });
    expect(job.report).toMatchObject({ type: 'targets', dryRun: false, rows: 300, created: 300, problems: [], id: expect.any(String) });
    expect(typeof job.finishedAt).toBe('string');
    // Progress only moves forward.
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(await targets()).toBe(before + 300);
    const runs = await asSystem<{ rows: number; created: number }>(outreach.orm, `select rows, created from "outreach"."import_run" where id = ?`, [(job.report as { id: string }).id]);
    expect(runs).toEqual([{ rows: 300, created: 300 }]);
  });

  it('a file with a bad line fails with its line and column report and imports nothing; a dry run changes nothing', async () => {
    const before = await targets();
    const bad = await finished((await upload('type=targets', csv(TARGETS_HEADER, ...rows(5, 'BAD'), 'BAD-X,,駅前,,R2.2.30,地域住民,中,,,'))).body.id);
    expect(bad).toMatchObject({ status: 'failed', rows: 6, failure: '1件の問題があるため、このファイルは取り込みませんでした' });
    expect((bad.report as { problems: unknown[] }).problems).toEqual([{ line: 7, column: '把握日', message: '存在しない日付です' }]);

    const dry = await finished((await upload('type=targets&dryRun=true', csv(TARGETS_HEADER, ...rows(4, 'DRY')))).body.id);
    expect(dry).toMatchObject({ status: 'succeeded', dryRun: true, report: expect.objectContaining({ dryRun: true, created: 4, id: null }) });
    expect(await targets()).toBe(before);
  });

  it('is read by its desk in its municipality only, refused to those who may not import, and reads as failed once its heartbeat stops', async () => {
    const job = await finished((await upload('type=targets&dryRun=true', csv(TARGETS_HEADER, ...rows(2, 'DESK')))).body.id);
    const otherMunicipality = await outreach.token({ subject: 'admin-2', roles: ['admin'], municipality: '372021' });
    expectProblem(await outreach.call('GET', `/imports/jobs/${job.id}`, { token: otherMunicipality }), 404);
    const otherDesk = await outreach.token({ subject: 'houkatsu-sv', roles: ['supervisor'], agency: HOUKATSU });
    expectProblem(await outreach.call('GET', `/imports/jobs/${job.id}`, { token: otherDesk }), 404);
    const worker = await outreach.token({ subject: 'ow', roles: ['outreach-worker'] });
    expectProblem(await outreach.call('GET', `/imports/jobs/${job.id}`, { token: worker }), 403);
    expect((await upload('type=targets', csv(TARGETS_HEADER, ...rows(1, 'OW')), worker)).status).toBe(403);
    expectProblem(await outreach.call('GET', `/imports/jobs/${uuidv7()}`, { token: supervisor }), 404);

    // A replica that stopped mid-file: its transaction is gone with its connection, and the job says so.
    await asSystem(outreach.orm, `update "outreach"."import_job" set status = 'running', finished_at = null, heartbeat_at = now() - interval '5 minutes' where id = ?`, [job.id]);
    const cutOff = (await outreach.call('GET', `/imports/jobs/${job.id}`, { token: supervisor })).body;
    expect(cutOff.status).toBe('failed');
    expect(cutOff.failure).toMatch(/途中で止まりました/);
  });
});
