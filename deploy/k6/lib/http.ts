import { check } from 'k6';
import http from 'k6/http';
import type { RequestDef } from './definition';
import { traceparent, uuidv4 } from './trace';

export const BASE_URL = (__ENV.BASE_URL || 'http://localhost:8080').replace(/\/$/, '');

/** Bearer tokens from the environment: TOKEN (staff user), AGENCY_TOKEN (agency client; defaults to TOKEN). */
export function tokenFor(kind: 'staff' | 'agency'): string | undefined {
  return kind === 'agency' ? __ENV.AGENCY_TOKEN || __ENV.TOKEN : __ENV.TOKEN;
}

export function url(path: string, query?: Record<string, string>): string {
  const qs = Object.entries(query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `${BASE_URL}${path}${qs ? `?${qs}` : ''}`;
}

/** Replaces `${today}`, `${now}` and the ids setup() looked up (`${personId}`, …) in a body. */
function fill(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') {
    const now = new Date().toISOString();
    return value.replace(/\$\{(\w+)\}/g, (whole, name: string) => (name === 'today' ? now.slice(0, 10) : name === 'now' ? now : (vars[name] ?? whole)));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

/** The first item's id of GET <path>?<query> (a paged list), for setup(); fails the run when there is none. */
export function firstId(path: string, query: Record<string, string> | undefined, token: string | undefined): string | undefined {
  const headers: Record<string, string> = { traceparent: traceparent(), accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = http.get(url(path, query), { headers, tags: { name: `setup GET ${path}` } });
  if (res.status !== 200) return undefined;
  const items = (res.json('items') as unknown as { id: string }[] | undefined) ?? [];
  return items[0]?.id;
}

/** Sends one request of the definition with auth, traceparent and (for agency POSTs) an Idempotency-Key, and checks its status. */
export function send(request: RequestDef, token: string | undefined, vars: Record<string, string> = {}): void {
  const headers: Record<string, string> = { traceparent: traceparent(), accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (request.idempotencyKey) headers['idempotency-key'] = uuidv4();
  let body: string | null = null;
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(fill(request.body, vars));
  }
  // Tag by route template, never by concrete URL (ids and search terms stay out of metrics).
  const tags = { name: `${request.method} ${request.path}`, route: request.name };
  const res = http.request(request.method, url(request.path, request.query), body, { headers, tags });
  check(res, { [`${request.name}: ${request.expectStatus}`]: (r) => r.status === request.expectStatus });
}

/** true when GET <path> answers 200. */
export function ready(path: string): boolean {
  const res = http.get(`${BASE_URL}${path}`, { headers: { traceparent: traceparent() }, tags: { name: 'health gate' } });
  return res.status === 200;
}
