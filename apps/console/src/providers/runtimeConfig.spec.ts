import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadRuntimeConfig, parseRuntimeConfig, RUNTIME_CONFIG_PATH } from './runtimeConfig';

function answering(status: number, body?: unknown) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const responses: Response[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? {});
    const response = new Response(text, { status, headers: { 'Content-Type': 'application/json' } });
    responses.push(response);
    return response;
  }) as typeof fetch;
  return { fetchImpl, calls, responses };
}

describe('loadRuntimeConfig', () => {
  afterEach(() => vi.restoreAllMocks());

  it('uses the file when it answers 200 with the expected shape, ignoring unknown keys', async () => {
    const { fetchImpl, calls } = answering(200, { oidcAuthority: 'https://id.city.lg.jp/realms/t', oidcClientId: 'city-console', oidcScope: 'openid tsunagu', extra: 1 });
    await expect(loadRuntimeConfig(fetchImpl)).resolves.toEqual({ oidcAuthority: 'https://id.city.lg.jp/realms/t', oidcClientId: 'city-console', oidcScope: 'openid tsunagu' });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(RUNTIME_CONFIG_PATH);
    expect(calls[0].init?.cache).toBe('no-store');
  });

  it('leaves the scope out when the file does not set it', async () => {
    const { fetchImpl } = answering(200, { oidcAuthority: 'https://id.example/x', oidcClientId: 'c' });
    await expect(loadRuntimeConfig(fetchImpl)).resolves.toEqual({ oidcAuthority: 'https://id.example/x', oidcClientId: 'c' });
  });

  it('falls back quietly on 404', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { fetchImpl, responses } = answering(404, 'not found');
    await expect(loadRuntimeConfig(fetchImpl)).resolves.toBeUndefined();
    expect(error).not.toHaveBeenCalled();
    // The body is read: an unread response stays open in the browser and the page never goes network-idle.
    expect(responses[0].bodyUsed).toBe(true);
  });

  it('falls back on a network error', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(loadRuntimeConfig(fetchImpl)).resolves.toBeUndefined();
  });

  it.each([
    ['a non-string client id', { oidcAuthority: 'https://id.example/x', oidcClientId: 42 }],
    ['a missing authority', { oidcClientId: 'c' }],
    ['a non-string scope', { oidcAuthority: 'https://id.example/x', oidcClientId: 'c', oidcScope: ['openid'] }],
    ['an array', ['https://id.example/x']],
  ])('rejects %s with a console error and falls back', async (_name, body) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { fetchImpl } = answering(200, body);
    await expect(loadRuntimeConfig(fetchImpl)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('falls back with a console error on a server error', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { fetchImpl, responses } = answering(500, 'oops');
    await expect(loadRuntimeConfig(fetchImpl)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledTimes(1);
    expect(responses[0].bodyUsed).toBe(true);
  });

  it('rejects a body that is not JSON', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { fetchImpl } = answering(200, '<html>');
    await expect(loadRuntimeConfig(fetchImpl)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledTimes(1);
  });
});

describe('parseRuntimeConfig', () => {
  it('rejects null and non-objects', () => {
    expect(parseRuntimeConfig(null)).toBeUndefined();
    expect(parseRuntimeConfig('x')).toBeUndefined();
  });
});

describe('the city desk', () => {
  const base = { oidcAuthority: 'https://id.city.lg.jp', oidcClientId: 'tsunagu-console' };

  it('takes the city desk of city staff when it is a registry id', () => {
    expect(parseRuntimeConfig({ ...base, cityDeskOrganizationId: '01900000-0000-7000-8000-000000000001' })).toEqual({ ...base, cityDeskOrganizationId: '01900000-0000-7000-8000-000000000001' });
    expect(parseRuntimeConfig(base)).toEqual(base);
  });

  it('refuses a city desk that is not an id', () => {
    expect(parseRuntimeConfig({ ...base, cityDeskOrganizationId: 'つながる福祉相談窓口' })).toBeUndefined();
    expect(parseRuntimeConfig({ ...base, cityDeskOrganizationId: 1 })).toBeUndefined();
  });
});
