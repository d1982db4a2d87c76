import type {
  CreateParams,
  DataProvider,
  DeleteManyParams,
  DeleteParams,
  GetListParams,
  GetManyParams,
  GetManyReferenceParams,
  GetOneParams,
  Identifier,
  RaRecord,
  UpdateManyParams,
  UpdateParams,
} from 'react-admin';
import { HttpError } from 'react-admin';
import { ERROR_MESSAGES, httpErrorFromResponse } from './problem';
import { RESOURCE_ROUTES, type RecordAction, type ResourceRoute } from './resources';

export * from './problem';
export * from './resources';

/** What the services answer for a list (ARCHITECTURE §7); `count=false` answers `hasNext` and `total` only on a last page. */
export interface ListPage<T> {
  items: T[];
  total?: number;
  page: number;
  perPage: number;
  hasNext?: boolean;
}

export interface DataProviderOptions {
  /** API root, `/api` behind the edge. */
  apiUrl: string;
  /** The current access token (undefined when signed out: the API answers 401 and the user is sent to login). */
  getAccessToken: () => Promise<string | undefined>;
  fetch?: typeof fetch;
  /** Idempotency-Keys of POSTs (tests pass their own to fix the keys). */
  submissionKeys?: SubmissionKeys;
}

/** Our extra methods (react-admin's `useDataProvider()` exposes them). */
export interface TsunaguDataProvider extends DataProvider {
  /** A state change (POST …/{id}/{action}: lifecycle, referral answers, case/plan/meeting transitions) from a known version. */
  transition: (resource: string, params: { id: Identifier; action: RecordAction; version?: number; body?: Record<string, unknown> }) => Promise<{ data: RaRecord }>;
  /** Possible duplicates of a person being registered (same kana reading and birth date, or same phone). */
  duplicateCandidates: (params: { familyNameKana?: string; givenNameKana?: string; birthDate?: string; phone?: string }) => Promise<RaRecord[]>;
  /** Raw GET of a path under the API root (dashboards, downloads). */
  fetchBlob: (path: string) => Promise<{ blob: Blob; filename?: string }>;
  /** 緊急時アクセス (break-glass): opens a person the caller has no relationship with, for a bounded time, audited. */
  grantEmergencyAccess: (personId: string, reason: string) => Promise<RaRecord>;
  /** PUT of a whole document under the API root (a target's watch plan), from a known version when there is one. */
  replace: (path: string, body: Record<string, unknown>, version?: number) => Promise<RaRecord>;
  /** DELETE of a record that is not about a person (a logic model item), from its version; records about people are never deleted. */
  remove: (path: string, version: number) => Promise<void>;
  /**
   * データ取込: the file as the body; a dry run changes nothing. Runs as a background job (`Prefer: respond-async`) whose
   * progress is told to `onProgress` about once a second. A refused file throws an HttpError whose body carries `report`.
   */
  importRecords: (params: { type: ImportType; file: Blob & { name?: string }; dryRun: boolean; onProgress?: (job: ImportJob) => void }) => Promise<ImportReport>;
  /** The import templates (column headings per record type). */
  importTemplates: () => Promise<ImportTemplate[]>;
  /** 職員名簿: enters the signed-in member of staff (name and desk from their own token) — once per sign-in. */
  recordStaffSignIn: () => Promise<RaRecord>;
}

export type ImportType = 'persons' | 'households' | 'consultations' | 'consents' | 'referrals' | 'cases' | 'plans' | OutreachImportType;
/** Outreach's import types, kept apart from intake's by their prefix (outreach's API names them targets and contacts). */
export type OutreachImportType = 'outreach-targets' | 'outreach-contacts';
const OUTREACH_PREFIX = 'outreach-';

export interface ImportReport {
  id: string | null;
  type: ImportType;
  dryRun: boolean;
  rows: number;
  created: number;
  unchanged: number;
  problems: { line: number; column: string; message: string }[];
  /** Rows imported in a nearer state than the file's (the API's rules need meetings the old system does not bring). */
  notices: { line: number; column: string; message: string }[];
  duplicates: { line: number; candidateIds: string[]; candidateLines: number[]; matchedOn: string[] }[];
}

/** An import in the background (intake's or outreach's `GET /imports/jobs/{id}`). */
export interface ImportJob {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  rows: number;
  checkedRows: number;
  created: number;
  report: ImportReport | null;
  failure: string | null;
}

/** How often the console asks how far an import got. */
export const IMPORT_POLL_MS = 1000;

export interface ImportTemplate {
  type: ImportType;
  label: string;
  columns: { header: string; aliases: string[]; required: boolean; description: string }[];
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Fields that the server owns: never sent back in a PATCH. */
const SERVER_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'status', 'lastVerifiedOn', 'municipality']);

function route(resource: string): ResourceRoute {
  const found = RESOURCE_ROUTES[resource];
  if (!found) throw new HttpError(ERROR_MESSAGES.notFound, 404, { detail: `unknown resource ${resource}` });
  return found;
}

/** `{ page, perPage, sort, q, …filters }` → our query string; react-admin's default `id` sort → the server's order. */
export function listQuery(params: Pick<GetListParams, 'pagination' | 'sort' | 'filter'>, sortable: readonly string[]): URLSearchParams {
  const query = new URLSearchParams();
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
  query.set('page', String(page));
  query.set('perPage', String(Math.min(perPage, 100)));
  const sort = params.sort;
  if (sort?.field && sortable.includes(sort.field)) query.set('sort', `${sort.order === 'DESC' ? '-' : ''}${sort.field}`);
  for (const [key, value] of Object.entries(params.filter ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) query.set(key, value.join(','));
    } else if (typeof value === 'object') continue;
    else query.set(key, String(value));
  }
  return query;
}

function isEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The PATCH body of an edit: only the fields the user changed (the API rejects unknown and read-only
 * fields), `''` sent as `null` (cleared), and server fields only where the resource's edit takes them (a menu's status).
 * The version travels as `If-Match`.
 */
export function changedFields(data: Record<string, unknown>, previous: Record<string, unknown> | undefined, allow: readonly string[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (SERVER_FIELDS.has(key) && !allow.includes(key)) continue;
    if (previous && isEqual(value, previous[key])) continue;
    if (previous && !(key in previous) && (value === '' || value === null || value === undefined)) continue;
    body[key] = value === '' ? null : value;
  }
  return body;
}

/** The server's cap on `?ids=` (and on `perPage`). */
export const IDS_PER_REQUEST = 100;

/** A create body: drops empty values and server fields (except those the resource takes on create, e.g. a consent's status). */
export function createBody(data: Record<string, unknown>, drop: readonly string[] = [], allow: readonly string[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if ((SERVER_FIELDS.has(key) && !allow.includes(key)) || drop.includes(key)) continue;
    if (value === '' || value === null || value === undefined) continue;
    body[key] = value;
  }
  return body;
}

function parentIdOf(resource: string, source: Record<string, unknown> | undefined): string {
  const parent = route(resource).parent;
  const value = parent ? source?.[parent.field] : undefined;
  if (!parent || value === undefined || value === null || value === '') {
    throw new HttpError(ERROR_MESSAGES.validation, 400, { errors: { [parent?.field ?? 'parent']: 'required' } });
  }
  return String(value);
}

function collectionPath(resource: string, source?: Record<string, unknown>): string {
  const found = route(resource);
  return found.parent ? found.parent.path(parentIdOf(resource, source)) : found.path;
}

/**
 * Idempotency-Key of every POST (ARCHITECTURE §7): one key per submission, kept until the server has answered it with a
 * success, so resubmitting the same form after a timeout, a network error or a 5xx reuses the key and the server replays
 * its first answer instead of creating a duplicate. Changed input is another submission, with a key of its own.
 */
export class SubmissionKeys {
  private readonly pending = new Map<string, string>();

  constructor(private readonly newKey: () => string = () => globalThis.crypto.randomUUID()) {}

  keyFor(path: string, body: string): string {
    const submission = `${path}\n${body}`;
    let key = this.pending.get(submission);
    if (!key) {
      key = this.newKey();
      this.pending.set(submission, key);
      // Bounded: forget the oldest abandoned submission.
      if (this.pending.size > 100) this.pending.delete(this.pending.keys().next().value as string);
    }
    return key;
  }

  answered(path: string, body: string): void {
    this.pending.delete(`${path}\n${body}`);
  }
}

/** The react-admin dataProvider for our `{ items, total }` APIs with problem+json errors. */
export function createDataProvider({ apiUrl, getAccessToken, fetch: fetchImpl = (...args) => globalThis.fetch(...args), submissionKeys = new SubmissionKeys() }: DataProviderOptions): TsunaguDataProvider {
  const base = apiUrl.replace(/\/$/, '');

  async function request(path: string, init: RequestInit & { ifMatch?: number; withoutIdempotencyKey?: boolean } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('accept', 'application/json, application/problem+json');
    const token = await getAccessToken();
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    if (init.ifMatch !== undefined) headers.set('if-match', `"${init.ifMatch}"`);
    // An import is idempotent by its rows' source ids; a key would make the service hash the whole file.
    const post = init.method === 'POST' && !init.withoutIdempotencyKey ? { path, body: typeof init.body === 'string' ? init.body : '' } : undefined;
    if (post) headers.set('idempotency-key', submissionKeys.keyFor(post.path, post.body));
    let response: Response;
    try {
      response = await fetchImpl(`${base}/${path}`, { ...init, headers, credentials: 'omit' });
    } catch (error) {
      throw new HttpError(ERROR_MESSAGES.network, 0, { detail: error instanceof Error ? error.message : String(error) });
    }
    if (!response.ok) throw Object.assign(await httpErrorFromResponse(response), { method: init.method ?? 'GET' });
    if (post) submissionKeys.answered(post.path, post.body);
    return response;
  }

  async function json<T>(path: string, init?: RequestInit & { ifMatch?: number; withoutIdempotencyKey?: boolean }): Promise<T> {
    const response = await request(path, init);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  async function getList(resource: string, params: GetListParams) {
    const found = route(resource);
    const filter = { ...(params.filter ?? {}) } as Record<string, unknown>;
    let path = found.path;
    if (found.parent) {
      path = found.parent.path(parentIdOf(resource, filter));
      delete filter[found.parent.field];
    }
    const query = listQuery({ ...params, filter }, found.sortable);
    if (found.uncounted) query.set('count', 'false');
    const answer = await json<ListPage<RaRecord> | RaRecord[]>(`${path}?${query.toString()}`, { signal: params.signal });
    // A few nested collections (a plan's evaluations) answer a plain array.
    const page = Array.isArray(answer) ? { items: answer, total: answer.length, hasNext: false } : answer;
    const parent = found.parent;
    const data = parent ? page.items.map((item) => ({ [parent.field]: params.filter?.[parent.field], ...item })) : page.items;
    // Without a total, react-admin pages with next/previous (its partial pagination).
    if (page.total === undefined) return { data, pageInfo: { hasNextPage: page.hasNext === true, hasPreviousPage: (params.pagination?.page ?? 1) > 1 } };
    return { data, total: page.total };
  }

  async function getOne(resource: string, params: GetOneParams) {
    const found = route(resource);
    if (found.parent) throw new HttpError(ERROR_MESSAGES.notFound, 404, { detail: `${resource} are read through their parent` });
    const data = await json<RaRecord>(`${found.path}/${encodeURIComponent(String(params.id))}`, { signal: params.signal });
    return { data };
  }

  async function getMany(resource: string, params: GetManyParams) {
    const found = route(resource);
    if (found.smallTable) {
      // Small code-like tables (44 districts): one list request instead of one GET per id.
      const all = await getList(resource, { pagination: { page: 1, perPage: 100 }, sort: { field: '', order: 'ASC' }, filter: {}, signal: params.signal });
      const wanted = new Set(params.ids.map(String));
      return { data: all.data.filter((record) => wanted.has(String(record.id))) };
    }
    if (found.idsFilter) {
      // A page of names (needs, matches, targets): one list request per 100 ids; those not visible are left out.
      const ids = [...new Set(params.ids.map(String))];
      const pages = [];
      for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) pages.push(ids.slice(start, start + IDS_PER_REQUEST));
      const answers = await Promise.all(
        pages.map((page) =>
          getList(resource, { pagination: { page: 1, perPage: IDS_PER_REQUEST }, sort: { field: '', order: 'ASC' }, filter: { [found.idsFilter as string]: page }, signal: params.signal }),
        ),
      );
      return { data: answers.flatMap((answer) => answer.data) };
    }
    const data = await Promise.all(params.ids.map((id) => getOne(resource, { id, signal: params.signal }).then((result) => result.data)));
    return { data };
  }

  return {
    getList: getList as TsunaguDataProvider['getList'],
    getOne: getOne as TsunaguDataProvider['getOne'],
    getMany: getMany as TsunaguDataProvider['getMany'],
    getManyReference: (async (resource: string, params: GetManyReferenceParams) =>
      getList(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } })) as TsunaguDataProvider['getManyReference'],
    async create(resource: string, params: CreateParams) {
      const found = route(resource);
      if (found.readOnly) throw new HttpError(ERROR_MESSAGES.forbidden, 405, {});
      const data = params.data as Record<string, unknown>;
      const path = collectionPath(resource, data);
      const created = await json<RaRecord>(path, { method: 'POST', body: JSON.stringify(createBody(data, found.parent ? [found.parent.field] : [], found.createFields)) });
      return { data: found.parent ? { [found.parent.field]: data[found.parent.field], ...created } : created } as never;
    },
    async update(resource: string, params: UpdateParams) {
      const found = route(resource);
      if (found.readOnly) throw new HttpError(ERROR_MESSAGES.forbidden, 405, {});
      const previous = params.previousData as Record<string, unknown> | undefined;
      const data = params.data as Record<string, unknown>;
      const body = changedFields(data, previous, found.updateFields);
      if (found.parent) delete body[found.parent.field];
      const version = typeof previous?.version === 'number' ? previous.version : typeof data.version === 'number' ? data.version : undefined;
      const path = `${collectionPath(resource, { ...previous, ...data })}/${encodeURIComponent(String(params.id))}`;
      const updated = await json<RaRecord>(path, { method: 'PATCH', body: JSON.stringify(body), ifMatch: version });
      return { data: found.parent ? { [found.parent.field]: (previous ?? data)[found.parent.field], ...updated } : updated } as never;
    },
    async updateMany(resource: string, params: UpdateManyParams) {
      // No bulk edit in the API: one PATCH per record would skip the version check, so it is not offered.
      throw new HttpError(ERROR_MESSAGES.forbidden, 405, { detail: `bulk edits of ${resource} are not supported (${params.ids.length})` });
    },
    async delete(resource: string, _params: DeleteParams) {
      // Records are closed, archived or retired — never deleted by users (ARCHITECTURE §5).
      throw new HttpError(ERROR_MESSAGES.forbidden, 405, { detail: `${resource} cannot be deleted` });
    },
    async deleteMany(resource: string, _params: DeleteManyParams) {
      throw new HttpError(ERROR_MESSAGES.forbidden, 405, { detail: `${resource} cannot be deleted` });
    },
    async transition(resource, { id, action, version, body }) {
      const found = route(resource);
      const data = await json<RaRecord>(`${found.path}/${encodeURIComponent(String(id))}/${action}`, { method: 'POST', body: JSON.stringify(body ?? {}), ifMatch: version });
      return { data };
    },
    async duplicateCandidates(params) {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
      if (![...query.keys()].length) return [];
      const result = await json<RaRecord[] | { items: RaRecord[] }>(`intake/persons/duplicate-candidates?${query.toString()}`);
      return Array.isArray(result) ? result : result.items;
    },
    async grantEmergencyAccess(personId, reason) {
      return json<RaRecord>(`intake/persons/${encodeURIComponent(personId)}/emergency-access`, { method: 'POST', body: JSON.stringify({ reason }) });
    },
    async replace(path, body, version) {
      return json<RaRecord>(path.replace(/^\//, ''), { method: 'PUT', body: JSON.stringify(body), ifMatch: version });
    },
    async remove(path, version) {
      await request(path.replace(/^\//, ''), { method: 'DELETE', ifMatch: version });
    },
    async importRecords({ type, file, dryRun, onProgress }) {
      const xlsx = file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name ?? '');
      // Outreach's types go to outreach's import under their own name; its report has no duplicates (people are intake's).
      const outreach = type.startsWith(OUTREACH_PREFIX);
      const service = outreach ? 'outreach' : 'intake';
      const query = new URLSearchParams({ type: outreach ? type.slice(OUTREACH_PREFIX.length) : type, dryRun: String(dryRun) });
      const asOurs = (report: ImportReport): ImportReport => ({ ...report, duplicates: report.duplicates ?? [], type });
      // In the background: a large file outlasts any proxy's read timeout; the job says how far it got.
      let job = await json<ImportJob>(`${service}/imports?${query.toString()}`, {
        method: 'POST',
        body: file,
        headers: { 'content-type': xlsx ? XLSX_TYPE : 'text/csv', prefer: 'respond-async' },
        withoutIdempotencyKey: true,
      });
      while (job.status === 'running') {
        onProgress?.(job);
        await new Promise((resolve) => setTimeout(resolve, IMPORT_POLL_MS));
        job = await json<ImportJob>(`${service}/imports/jobs/${encodeURIComponent(job.id)}`);
      }
      onProgress?.(job);
      const report = job.report ? asOurs(job.report) : undefined;
      if (job.status === 'succeeded' && report) return report;
      throw new HttpError(job.failure ?? ERROR_MESSAGES.validation, 400, { report, detail: job.failure ?? undefined });
    },
    async importTemplates() {
      // Outreach's templates too, under their prefixed types; intake's alone when outreach does not answer.
      const [intake, outreach] = await Promise.all([
        json<ImportTemplate[]>('intake/imports/templates'),
        json<ImportTemplate[]>('outreach/imports/templates').catch(() => [] as ImportTemplate[]),
      ]);
      return [...intake, ...outreach.map((template) => ({ ...template, type: `${OUTREACH_PREFIX}${template.type}` as ImportType }))];
    },
    async recordStaffSignIn() {
      // Repeating it is harmless (the same line refreshed): no Idempotency-Key needed.
      return json<RaRecord>('intake/staff/me', { method: 'POST', withoutIdempotencyKey: true });
    },
    async fetchBlob(path) {
      const response = await request(path.replace(/^\//, ''));
      const disposition = response.headers.get('content-disposition') ?? '';
      const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
      const plain = /filename="?([^";]+)"?/i.exec(disposition);
      const filename = star ? decodeURIComponent(star[1]) : plain?.[1];
      return { blob: await response.blob(), filename };
    },
  };
}
