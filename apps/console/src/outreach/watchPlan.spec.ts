import { describe, expect, it } from 'vitest';
import { createDataProvider } from '../providers/dataProvider';

describe('dataProvider.replace (a target’s watch plan)', () => {
  it('PUTs the whole document with the version as If-Match and the bearer token', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const fetch = async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), init: init ?? {} });
      return new Response(JSON.stringify({ id: 'p1', cadenceDays: 7, version: 3 }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const dataProvider = createDataProvider({ apiUrl: '/api/', getAccessToken: async () => 't0k3n', fetch: fetch as typeof globalThis.fetch });
    const saved = await dataProvider.replace('/outreach/targets/t1/watch-plan', { cadenceDays: 7, watchers: [] }, 2);
    expect(saved).toMatchObject({ cadenceDays: 7, version: 3 });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/outreach/targets/t1/watch-plan');
    expect(calls[0].init.method).toBe('PUT');
    const headers = new Headers(calls[0].init.headers);
    expect(headers.get('if-match')).toBe('"2"');
    expect(headers.get('authorization')).toBe('Bearer t0k3n');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ cadenceDays: 7, watchers: [] });
  });

  it('turns a refusal into the dataProvider’s error (problem+json detail kept)', async () => {
    const fetch = async () =>
      new Response(JSON.stringify({ status: 400, code: 'validation-failed', detail: 'bad', errors: { cadenceDays: 'must not be greater than 365' } }), { status: 400 });
    const dataProvider = createDataProvider({ apiUrl: '/api', getAccessToken: async () => undefined, fetch: fetch as typeof globalThis.fetch });
    await expect(dataProvider.replace('outreach/targets/t1/watch-plan', { cadenceDays: 400, watchers: [] })).rejects.toMatchObject({
      status: 400,
      message: 'tsunagu.errors.validation',
    });
  });
});
