import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { changedFields, createDataProvider, listQuery, SubmissionKeys } from './index';
import { fieldErrors, messageArgsOf, toHttpError } from './problem';

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body?: unknown;
}

function fakeApi(responses: Array<{ status: number; body?: unknown; type?: string }>, submissionKeys?: SubmissionKeys) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
    });
    const next = responses.shift() ?? { status: 500 };
    const type = next.type ?? (next.status >= 400 ? 'application/problem+json' : 'application/json');
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), { status: next.status, headers: { 'content-type': type } });
  };
  const provider = createDataProvider({ apiUrl: '/api', getAccessToken: async () => 'token-1', fetch, submissionKeys });
  return { provider, calls };
}

describe('listQuery', () => {
  it('maps paging, sort (-field for descending), q and filters', () => {
    const query = listQuery(
      { pagination: { page: 2, perPage: 50 }, sort: { field: 'kana', order: 'DESC' }, filter: { q: 'ｻﾛﾝ', status: 'active', weekdays: ['mo', 'tu'], empty: '' } },
      ['kana'],
    );
    expect(query.toString()).toBe('page=2&perPage=50&sort=-kana&q=%EF%BD%BB%EF%BE%9B%EF%BE%9D&status=active&weekdays=mo%2Ctu');
  });

  it('leaves the order to the server for fields it cannot sort by (react-admin defaults to id) and caps perPage at 100', () => {
    const query = listQuery({ pagination: { page: 1, perPage: 500 }, sort: { field: 'id', order: 'ASC' }, filter: {} }, ['kana']);
    expect(query.get('sort')).toBeNull();
    expect(query.get('perPage')).toBe('100');
  });
});

describe('dataProvider', () => {
  it('reads { items, total } lists with the bearer token', async () => {
    const { provider, calls } = fakeApi([{ status: 200, body: { items: [{ id: 'a', name: 'サロン' }], total: 31, page: 1, perPage: 25 } }]);
    const result = await provider.getList('community-resources', { pagination: { page: 1, perPage: 25 }, sort: { field: 'name', order: 'ASC' }, filter: { status: 'active' } });
    expect(result).toEqual({ data: [{ id: 'a', name: 'サロン' }], total: 31 });
    expect(calls[0].url).toBe('/api/registry/community-resources?page=1&perPage=25&sort=name&status=active');
    expect(calls[0].headers.get('authorization')).toBe('Bearer token-1');
  });

  it('searches persons without a count: next/previous from hasNext, the total once a last page shows it', async () => {
    const { provider, calls } = fakeApi([
      { status: 200, body: { items: [{ id: 'p1' }, { id: 'p2' }], page: 1, perPage: 2, hasNext: true } },
      { status: 200, body: { items: [{ id: 'p3' }], total: 3, page: 2, perPage: 2, hasNext: false } },
    ]);
    const first = await provider.getList('persons', { pagination: { page: 1, perPage: 2 }, sort: { field: 'familyNameKana', order: 'ASC' }, filter: { q: 'さぬき' } });
    expect(calls[0].url).toBe(`/api/intake/persons?page=1&perPage=2&sort=familyNameKana&q=${encodeURIComponent('さぬき')}&count=false`);
    expect(first).toEqual({ data: [{ id: 'p1' }, { id: 'p2' }], pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const last = await provider.getList('persons', { pagination: { page: 2, perPage: 2 }, sort: { field: 'familyNameKana', order: 'ASC' }, filter: { q: 'さぬき' } });
    expect(last).toEqual({ data: [{ id: 'p3' }], total: 3 });
  });

  it('lists and creates nested council meetings under their council', async () => {
    const { provider, calls } = fakeApi([
      { status: 200, body: { items: [{ id: 'm1', heldOn: '2025-04-01' }], total: 1, page: 1, perPage: 25 } },
      { status: 201, body: { id: 'm2', heldOn: '2025-05-01', councilId: 'c1', version: 1 } },
    ]);
    const list = await provider.getManyReference('council-meetings', {
      target: 'councilId',
      id: 'c1',
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'heldOn', order: 'DESC' },
      filter: {},
    });
    expect(calls[0].url).toBe('/api/registry/councils/c1/meetings?page=1&perPage=25&sort=-heldOn');
    expect(list.data[0]).toEqual({ id: 'm1', heldOn: '2025-04-01', councilId: 'c1' });
    await provider.create('council-meetings', { data: { councilId: 'c1', heldOn: '2025-05-01', participantsCount: '' } });
    expect(calls[1]).toMatchObject({ url: '/api/registry/councils/c1/meetings', method: 'POST', body: { heldOn: '2025-05-01' } });
  });

  it('reads many persons as one `?ids=` list per 100 ids (no GET per row), leaving out those the desk may not see', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `p${i}`);
    const { provider, calls } = fakeApi([
      { status: 200, body: { items: [{ id: 'p0', familyName: '讃岐' }], total: 1, page: 1, perPage: 100 } },
      { status: 200, body: { items: [], total: 0, page: 1, perPage: 100 } },
    ]);
    const { data } = await provider.getMany('persons', { ids: [...ids, 'p0'] });
    expect(calls.map((call) => call.url)).toEqual([
      `/api/intake/persons?page=1&perPage=100&ids=${encodeURIComponent(ids.slice(0, 100).join(','))}&count=false`,
      '/api/intake/persons?page=1&perPage=100&ids=p100&count=false',
    ]);
    expect(data).toEqual([{ id: 'p0', familyName: '讃岐' }]);
  });

  it('PATCHes only what changed, with the version it was edited from as If-Match', async () => {
    const { provider, calls } = fakeApi([{ status: 200, body: { id: 'r1', name: '新しい名前', version: 4 } }]);
    const previousData = { id: 'r1', name: '古い名前', kana: 'フルイ', status: 'active', version: 3, schedule: { weekdays: ['mo'] }, createdAt: 'x' };
    await provider.update('community-resources', { id: 'r1', previousData, data: { ...previousData, name: '新しい名前', schedule: { weekdays: ['mo', 'we'] } } });
    expect(calls[0]).toMatchObject({ url: '/api/registry/community-resources/r1', method: 'PATCH', body: { name: '新しい名前', schedule: { weekdays: ['mo', 'we'] } } });
    expect(calls[0].headers.get('if-match')).toBe('"3"');
  });

  it('sends a changed status in an edit only where the edit takes one (a menu), never otherwise', async () => {
    const { provider, calls } = fakeApi([
      { status: 200, body: { id: 'o1', status: 'suspended', version: 3 } },
      { status: 200, body: { id: 'r1', status: 'active', version: 2 } },
    ]);
    await provider.update('participation-opportunities', { id: 'o1', previousData: { id: 'o1', title: 'カフェ', status: 'published', version: 2 }, data: { id: 'o1', title: 'カフェ', status: 'suspended', version: 2 } });
    expect(calls[0]).toMatchObject({ url: '/api/matching/opportunities/o1', method: 'PATCH', body: { status: 'suspended' } });
    await provider.update('community-resources', { id: 'r1', previousData: { id: 'r1', name: 'a', status: 'draft', version: 1 }, data: { id: 'r1', name: 'b', status: 'active', version: 1 } });
    expect(calls[1].body).toEqual({ name: 'b' });
  });

  it('runs lifecycle actions as POST …/{id}/{action} with If-Match', async () => {
    const { provider, calls } = fakeApi([{ status: 200, body: { id: 'r1', status: 'active', version: 2 } }]);
    const { data } = await provider.transition('community-resources', { id: 'r1', action: 'publish', version: 1 });
    expect(data.status).toBe('active');
    expect(calls[0]).toMatchObject({ url: '/api/registry/community-resources/r1/publish', method: 'POST' });
    expect(calls[0].headers.get('if-match')).toBe('"1"');
  });

  it('sends the status a consent is recorded with, but never a status on other creates', async () => {
    const { provider, calls } = fakeApi([{ status: 201, body: { id: 's1' } }, { status: 201, body: { id: 'r1' } }]);
    await provider.create('consents', { data: { personId: 'p1', scope: 'jusou-meeting', method: 'signature', status: 'obtained', documentRef: '' } });
    expect(calls[0].body).toEqual({ personId: 'p1', scope: 'jusou-meeting', method: 'signature', status: 'obtained' });
    await provider.create('community-resources', { data: { name: 'サロン', status: 'active' } });
    expect(calls[1].body).toEqual({ name: 'サロン' });
  });

  it('tells a stale edit from other conflicts by the problem code, and names attendees yet to acknowledge confidentiality', () => {
    expect(toHttpError(409, { status: 409, code: 'stale-version' }).message).toBe('tsunagu.errors.conflict');
    expect(toHttpError(409, { status: 409, code: 'conflict', detail: 'x' }).message).toBe('tsunagu.errors.state_conflict');
    const missing = toHttpError(409, { status: 409, code: 'conflict', missingAcknowledgements: [{ name: '地域包括 担当' }, { name: '生活自立 担当' }] });
    expect(missing.message).toBe('tsunagu.errors.missing_acknowledgements');
    expect(messageArgsOf(missing).names).toBe('地域包括 担当、生活自立 担当');
  });

  it('sends a transition command body (reason, disposition…) with the version as If-Match', async () => {
    const { provider, calls } = fakeApi([{ status: 200, body: { id: 'c1', status: 'suspended', version: 5 } }]);
    await provider.transition('cases', { id: 'c1', action: 'suspend', version: 4, body: { reason: '入院' } });
    expect(calls[0]).toMatchObject({ url: '/api/intake/cases/c1/suspend', method: 'POST', body: { reason: '入院' } });
    expect(calls[0].headers.get('if-match')).toBe('"4"');
  });

  it("lists a plan's evaluations under the plan (a plain array answer) and filters cases by mine", async () => {
    const { provider, calls } = fakeApi([{ status: 200, body: [{ id: 'e1', decision: 'continue' }] }, { status: 200, body: { items: [], total: 0, page: 1, perPage: 5 } }]);
    const evaluations = await provider.getList('evaluations', { pagination: { page: 1, perPage: 25 }, sort: { field: '', order: 'ASC' }, filter: { planId: 'p1' } });
    expect(calls[0].url).toBe('/api/intake/plans/p1/evaluations?page=1&perPage=25');
    expect(evaluations).toEqual({ data: [{ planId: 'p1', id: 'e1', decision: 'continue' }], total: 1 });
    await provider.getList('cases', { pagination: { page: 1, perPage: 5 }, sort: { field: 'updatedAt', order: 'DESC' }, filter: { mine: true } });
    expect(calls[1].url).toBe('/api/intake/cases?page=1&perPage=5&sort=-updatedAt&mine=true');
  });

  it('turns a 400 problem with field errors into an HttpError react-admin puts on the inputs', async () => {
    const { provider } = fakeApi([
      { status: 400, body: { type: 'https://tsunagu.jp/problems/validation-failed', title: 'The request is not valid', status: 400, errors: { name: 'must not be empty', 'schedule.weekdays[0]': 'must be a weekday' } } },
    ]);
    const error = await provider.create('community-resources', { data: { name: '' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    const httpError = error as HttpError;
    expect(httpError.status).toBe(400);
    expect(httpError.message).toBe('tsunagu.errors.validation');
    expect(httpError.body.errors).toEqual({ name: 'must not be empty', schedule: { weekdays: { 0: 'must be a weekday' } }, root: { serverError: 'tsunagu.errors.validation' } });
  });

  it('turns a stale version (409 or 412) into the conflict message', async () => {
    const { provider } = fakeApi([
      { status: 409, body: { type: 'https://tsunagu.jp/problems/stale-version', title: 'The record was changed by someone else', status: 409 } },
      { status: 412, body: { title: 'Precondition failed', status: 412 } },
    ]);
    const previousData = { id: 'r1', name: 'a', version: 1 };
    const first = (await provider.update('districts', { id: 'r1', previousData, data: { ...previousData, name: 'b' } }).catch((e: unknown) => e)) as HttpError;
    expect([first.status, first.message]).toEqual([409, 'tsunagu.errors.conflict']);
    expect(first.body.errors).toBeUndefined();
    const second = (await provider.update('districts', { id: 'r1', previousData, data: { ...previousData, name: 'b' } }).catch((e: unknown) => e)) as HttpError;
    expect([second.status, second.message]).toEqual([412, 'tsunagu.errors.conflict']);
  });

  it('tells a forbidden status change apart from a stale edit', () => {
    const error = toHttpError(409, { type: 'https://tsunagu.jp/problems/invalid-transition', status: 409, transition: { from: 'retired', action: 'publish', allowed: [] } });
    expect(error.message).toBe('tsunagu.errors.invalid_transition');
  });

  it('maps 401, 403, 404 and 5xx to their messages and keeps the problem body', () => {
    expect(toHttpError(401, { status: 401 }).message).toBe('tsunagu.errors.unauthenticated');
    const forbidden = toHttpError(403, { status: 403, detail: 'requires one of the roles admin, coordinator' });
    expect([forbidden.message, forbidden.body.detail]).toEqual(['tsunagu.errors.forbidden', 'requires one of the roles admin, coordinator']);
    expect(toHttpError(404, undefined).message).toBe('tsunagu.errors.not_found');
    expect(toHttpError(502, undefined).message).toBe('tsunagu.errors.unavailable');
    expect(toHttpError(500, { status: 500, errorId: 'e1' }).body.errorId).toBe('e1');
  });

  it('never deletes records', async () => {
    const { provider, calls } = fakeApi([]);
    await expect(provider.delete('districts', { id: 'd1' })).rejects.toBeInstanceOf(HttpError);
    expect(calls).toHaveLength(0);
  });
});

describe('changedFields and fieldErrors', () => {
  it('drops unchanged and server-owned fields and sends cleared values as null', () => {
    expect(changedFields({ id: 1, version: 2, status: 'x', name: 'a', kana: '', capacity: 3 }, { id: 1, version: 2, status: 'y', name: 'a', kana: 'カナ', capacity: 2 })).toEqual({ kana: null, capacity: 3 });
  });

  it('nests dotted and indexed paths', () => {
    expect(fieldErrors({ 'contact.email': 'must be an email', 'districtIds[1]': 'unknown' })).toEqual({ contact: { email: 'must be an email' }, districtIds: { 1: 'unknown' } });
    expect(fieldErrors(undefined)).toBeUndefined();
  });
});

describe('Idempotency-Key on every POST (issue 15 item 11)', () => {
  const numbered = () => {
    let next = 0;
    return new SubmissionKeys(() => `key-${++next}`);
  };
  const note = { personId: 'p1', body: '訪問した' };

  it('reuses the key when the same submission is retried after a failure, and takes a new one once it succeeded', async () => {
    const { provider, calls } = fakeApi(
      [{ status: 503, body: { title: 'Service Unavailable', status: 503 } }, { status: 201, body: { id: 'n1', ...note } }, { status: 201, body: { id: 'n2', ...note } }],
      numbered(),
    );
    await expect(provider.create('progress-notes', { data: note })).rejects.toBeInstanceOf(HttpError);
    await provider.create('progress-notes', { data: note });
    await provider.create('progress-notes', { data: note });
    expect(calls.map((call) => call.headers.get('idempotency-key'))).toEqual(['key-1', 'key-1', 'key-2']);
  });

  it('gives changed input a key of its own, sends one on state changes, and none on reads or edits', async () => {
    const { provider, calls } = fakeApi(
      [
        { status: 400, body: { title: 'Bad Request', status: 400, errors: { body: 'required' } } },
        { status: 201, body: { id: 'n1', ...note } },
        { status: 200, body: { id: 'r1', version: 2 } },
        { status: 200, body: { id: 'r1', version: 3 } },
      ],
      numbered(),
    );
    await expect(provider.create('progress-notes', { data: { ...note, body: '' } })).rejects.toBeInstanceOf(HttpError);
    await provider.create('progress-notes', { data: note });
    await provider.transition('referrals', { id: 'r1', action: 'accept', version: 1 });
    await provider.getOne('referrals', { id: 'r1' });
    expect(calls.map((call) => call.headers.get('idempotency-key'))).toEqual(['key-1', 'key-2', 'key-3', null]);
  });
});

describe('importRecords (データ取込 in the background)', () => {
  const report = { id: 'run-1', type: 'persons', dryRun: false, rows: 3, created: 3, unchanged: 0, problems: [], duplicates: [] };
  const job = (status: string, checkedRows: number, extra: Record<string, unknown> = {}) => ({ id: 'job-1', status, rows: 3, checkedRows, created: checkedRows, report: null, failure: null, ...extra });
  const file = Object.assign(new Blob(['管理番号\r\nP-1\r\n'], { type: 'text/csv' }), { name: 'persons.csv' });

  it('asks for a background job, follows its progress and answers the finished report', async () => {
    const { provider, calls } = fakeApi([{ status: 202, body: job('running', 0) }, { status: 200, body: job('running', 2) }, { status: 200, body: job('succeeded', 3, { report }) }]);
    const seen: number[] = [];
    await expect(provider.importRecords({ type: 'persons', file, dryRun: false, onProgress: (progress) => seen.push(progress.checkedRows) })).resolves.toEqual(report);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(['POST /api/intake/imports?type=persons&dryRun=false', 'GET /api/intake/imports/jobs/job-1', 'GET /api/intake/imports/jobs/job-1']);
    expect(calls[0].headers.get('prefer')).toBe('respond-async');
    expect(calls[0].headers.get('idempotency-key')).toBeNull();
    expect(seen).toEqual([0, 2, 3]);
  });

  it('follows an outreach import’s job at outreach, under the console’s prefixed type', async () => {
    const outreachReport = { id: 'run-2', type: 'targets', dryRun: true, rows: 3, created: 3, unchanged: 0, problems: [], notices: [] };
    const { provider, calls } = fakeApi([{ status: 202, body: job('running', 1) }, { status: 200, body: job('succeeded', 3, { report: outreachReport }) }]);
    const seen: number[] = [];
    await expect(provider.importRecords({ type: 'outreach-targets', file, dryRun: true, onProgress: (progress) => seen.push(progress.checkedRows) })).resolves.toEqual({
      ...outreachReport,
      type: 'outreach-targets',
      duplicates: [],
    });
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(['POST /api/outreach/imports?type=targets&dryRun=true', 'GET /api/outreach/imports/jobs/job-1']);
    expect(calls[0].headers.get('prefer')).toBe('respond-async');
    expect(seen).toEqual([1, 3]);
  });

  it('throws the refused file’s report (its problems by line) as an HttpError', async () => {
    const refused = { ...report, id: null, created: 0, problems: [{ line: 3, column: '生年月日', message: '日付として読めません' }] };
    const { provider } = fakeApi([{ status: 202, body: job('failed', 3, { report: refused, failure: '1件の問題があるため、このファイルは取り込みませんでした' }) }]);
    const error = await provider.importRecords({ type: 'persons', file, dryRun: false }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).body).toMatchObject({ report: refused, detail: '1件の問題があるため、このファイルは取り込みませんでした' });
  });
});
