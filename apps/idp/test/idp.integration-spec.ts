import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { TokenVerifier } from '@tsunagu/platform-auth';

const MAIN = resolve(__dirname, '../../../dist/apps/idp/main.js');
const run = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Just enough of a browser's cookie jar for the login redirects (all cookies sent to the one host). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const [name, ...value] = pair.split('=');
      const expired = attributes.some((attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute) || /^\s*max-age=0\b/i.test(attribute));
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

describe('local IdP (dist/apps/idp/main.js)', () => {
  let child: ChildProcess;
  let dataDir: string;
  let issuer: string;
  let env: NodeJS.ProcessEnv;
  let jwks: ReturnType<typeof createRemoteJWKSet>;

  const verify = async (token: string): Promise<JWTPayload> => (await jwtVerify(token, jwks, { issuer, audience: 'tsunagu-api', algorithms: ['RS256'] })).payload;

  beforeAll(async () => {
    expect(existsSync(MAIN)).toBe(true);
    const port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-idp-'));
    issuer = `http://127.0.0.1:${port}/idp`;
    env = { ...process.env, NODE_ENV: 'test', IDP_PORT: String(port), IDP_ISSUER: issuer, IDP_DATA_DIR: dataDir };
    child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 15000;
    for (;;) {
      try {
        if ((await fetch(`${issuer}/healthz`)).ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`idp did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(output).toContain('caseworker');
    jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves discovery under the issuer path and keeps its keys on disk', async () => {
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token`, code_challenge_methods_supported: ['S256'] });
    const stored = JSON.parse(readFileSync(join(dataDir, 'jwks.json'), 'utf8')) as { keys: { kid: string; d?: string }[] };
    const served = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(served.keys.map((key) => key.kid)).toEqual(stored.keys.map((key) => key.kid));
    expect(served.keys.every((key) => key.d === undefined)).toBe(true);
  });

  it('issues client-credentials tokens to agency clients carrying agency, roles and municipality', async () => {
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('agency-houkatsu:houkatsu-local-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=tsunagu',
    });
    expect(response.status).toBe(200);
    const { access_token: token } = (await response.json()) as { access_token: string };
    expect(await verify(token)).toMatchObject({
      sub: 'agency-houkatsu',
      client_id: 'agency-houkatsu',
      municipality: '372013',
      roles: ['agency'],
      agency: DEMO_ORGANIZATIONS.communityCareCentre.id,
      scope: 'tsunagu',
    });
    // Services verify it through discovery, exactly as in production.
    const principal = await new TokenVerifier({ issuer, audience: 'tsunagu-api' }).verify(token);
    expect(principal).toMatchObject({ subject: 'agency-houkatsu', client: true, agency: DEMO_ORGANIZATIONS.communityCareCentre.id, roles: ['agency'] });
  });

  it('refuses a wrong client secret', async () => {
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('agency-houkatsu:wrong').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(401);
  });

  it('prints dev tokens with the token command that verify against the running IdP', async () => {
    const { stdout } = await run(process.execPath, [MAIN, 'token', 'agency'], { env });
    const claims = await verify(stdout.trim());
    expect(claims).toMatchObject({ sub: 'agency', roles: ['agency'], municipality: '372013', agency: DEMO_ORGANIZATIONS.communityCareCentre.id });
    const other = await verify((await run(process.execPath, [MAIN, 'token', 'marugame'], { env })).stdout.trim());
    expect(other).toMatchObject({ sub: 'marugame', municipality: '372021', roles: ['caseworker'] });
    // A desk caseworker of a contracted organisation carries its desk as `agency`; city staff carry none.
    const desk = await verify((await run(process.execPath, [MAIN, 'token', 'jiritsu'], { env })).stdout.trim());
    expect(desk).toMatchObject({ sub: 'jiritsu', roles: ['caseworker'], municipality: '372013', agency: DEMO_ORGANIZATIONS.selfRelianceSupport.id });
    expect(await verify((await run(process.execPath, [MAIN, 'token', 'caseworker'], { env })).stdout.trim())).not.toHaveProperty('agency');
    const principal = await new TokenVerifier({ issuer, audience: 'tsunagu-api' }).verify(stdout.trim());
    expect(principal).toMatchObject({ subject: 'agency', client: false });
    await expect(run(process.execPath, [MAIN, 'token', 'nobody'], { env })).rejects.toMatchObject({ code: 1 });
  });

  it('refuses to run with NODE_ENV=production', async () => {
    await expect(run(process.execPath, [MAIN, 'token', 'admin'], { env: { ...env, NODE_ENV: 'production' } })).rejects.toMatchObject({
      stderr: expect.stringContaining('development and tests only'),
    });
  });

  it('signs in a console user with authorization code + PKCE: authorize → login → consent → code → token', async () => {
    const jar = new CookieJar();
    const redirectUri = 'http://localhost:5173/callback';
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const state = randomBytes(8).toString('hex');
    const go = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(new URL(url, issuer), { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: jar.header() } });
      jar.store(response);
      return response;
    };

    // Without PKCE the request is refused.
    const noPkce = await go(`${issuer}/auth?${new URLSearchParams({ client_id: 'tsunagu-console', response_type: 'code', redirect_uri: redirectUri, scope: 'openid' })}`);
    expect(noPkce.headers.get('location') ?? '').toContain('error=invalid_request');

    const authorize = await go(
      `${issuer}/auth?${new URLSearchParams({
        client_id: 'tsunagu-console',
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: 'openid profile tsunagu',
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })}`,
    );
    expect(authorize.status).toBe(303);
    const loginUrl = authorize.headers.get('location')!;
    expect(loginUrl).toMatch(/\/idp\/interaction\//);

    const form = await go(loginUrl);
    const html = await form.text();
    expect(html).toContain('<label for="username">ユーザー名</label>');
    expect(html).toContain('<label for="password">パスワード</label>');
    const action = /action="([^"]+)"/.exec(html)![1];

    const wrong = await go(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=caseworker&password=nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('role="alert"');

    const login = await go(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=caseworker&password=demo' });
    expect(login.status).toBe(303);

    // Follow the resume → consent (auto-granted) → callback redirects.
    let location = login.headers.get('location')!;
    let sawConsent = false;
    for (let hop = 0; hop < 10 && !location.startsWith(redirectUri); hop += 1) {
      if (/\/interaction\//.test(location)) sawConsent = true;
      const next = await go(location);
      expect([302, 303]).toContain(next.status);
      location = next.headers.get('location')!;
    }
    expect(sawConsent).toBe(true);
    const callback = new URL(location);
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('iss')).toBe(issuer);
    const code = callback.searchParams.get('code')!;

    const exchange = (codeVerifier: string) =>
      fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'tsunagu-console', code_verifier: codeVerifier }),
      });
    const tokens = (await (await exchange(verifier)).json()) as { access_token: string; id_token: string };
    const claims = await verify(tokens.access_token);
    // The display name rides in the access token too (as with Keycloak and Entra ID): the staff directory reads it there.
    expect(claims).toMatchObject({ sub: 'caseworker', client_id: 'tsunagu-console', name: '屋島 健一', municipality: '372013', roles: ['caseworker'], scope: 'tsunagu' });
    expect(tokens.id_token).toBeDefined();
    // The code is single-use.
    expect((await exchange(verifier)).status).toBe(400);
  });

  it('serves its login, logout and signed-out pages without anything from another origin (closed networks such as LGWAN)', async () => {
    const jar = new CookieJar();
    const go = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(new URL(url, issuer), { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: jar.header() } });
      jar.store(response);
      return response;
    };
    /** Every URL a browser would fetch or follow from the page: src/href/action attributes, CSS url() and @import. */
    const references = (html: string) => [
      ...[...html.matchAll(/\b(?:src|href|action|srcset)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]),
      ...[...html.matchAll(/url\(\s*["']?([^"')]+)/gi)].map((m) => m[1]),
      ...[...html.matchAll(/@import\s+["']?([^"';\s]+)/gi)].map((m) => `@import ${m[1]}`),
    ];
    const foreign = (html: string) => references(html).filter((ref) => ref.startsWith('@import') || (/^([a-z]+:)?\/\//i.test(ref) && new URL(ref, issuer).origin !== new URL(issuer).origin));

    const authorize = await go(
      `${issuer}/auth?${new URLSearchParams({ client_id: 'tsunagu-console', response_type: 'code', redirect_uri: 'http://localhost:5173/callback', scope: 'openid', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' })}`,
    );
    const login = await (await go(authorize.headers.get('location')!)).text();
    expect(login).toContain('ユーザー名');
    // Signed in, so that the sign-out asks for confirmation (without a session the provider signs out at once).
    const signedIn = await go(/action="([^"]+)"/.exec(login)![1], { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=caseworker&password=demo' });
    expect(signedIn.status).toBe(303);
    let location = signedIn.headers.get('location')!;
    for (let hop = 0; hop < 10 && !location.startsWith('http://localhost:5173/'); hop += 1) location = (await go(location)).headers.get('location')!;

    const logout = await go(`${issuer}/session/end`);
    expect(logout.status).toBe(200);
    const logoutHtml = await logout.text();
    expect(logoutHtml).toContain('ログアウトしますか');
    expect(logoutHtml).toContain('form="op.logoutForm"');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(logoutHtml)![1];
    const confirm = await go(/action="([^"]+)"/.exec(logoutHtml)![1], { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `xsrf=${xsrf}&logout=yes` });
    expect([302, 303]).toContain(confirm.status);
    const signedOut = await (await go(confirm.headers.get('location')!)).text();
    expect(signedOut).toContain('ログアウトしました');

    for (const [page, html] of Object.entries({ login, logout: logoutHtml, signedOut })) {
      expect({ page, foreign: foreign(html) }).toEqual({ page, foreign: [] });
      expect({ page, fonts: /fonts\.(googleapis|gstatic)\.com/.test(html) }).toEqual({ page, fonts: false });
    }
  });

  it('refuses a client with 429 and Retry-After after ten wrong passwords in a minute; other clients still sign in', async () => {
    const startLogin = async (address: string) => {
      const jar = new CookieJar();
      const go = async (url: string, init: RequestInit = {}) => {
        // The local edge appends the client's address to X-Forwarded-For; the IdP counts failures per address.
        const response = await fetch(new URL(url, issuer), {
          ...init,
          redirect: 'manual',
          headers: { ...(init.headers ?? {}), cookie: jar.header(), 'x-forwarded-for': address },
        });
        jar.store(response);
        return response;
      };
      const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
      const authorize = await go(
        `${issuer}/auth?${new URLSearchParams({
          client_id: 'tsunagu-console',
          response_type: 'code',
          redirect_uri: 'http://localhost:5173/callback',
          scope: 'openid profile tsunagu',
          code_challenge: challenge,
          code_challenge_method: 'S256',
        })}`,
      );
      const action = /action="([^"]+)"/.exec(await (await go(authorize.headers.get('location')!)).text())![1];
      const post = (password: string) =>
        go(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=caseworker&password=${password}` });
      return post;
    };

    const attacker = await startLogin('203.0.113.7');
    for (let attempt = 1; attempt <= 10; attempt += 1) expect((await attacker('wrong')).status).toBe(401);
    const refused = await attacker('wrong');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.text()).toContain('role="alert"');
    // Even the right password waits: the attacker cannot keep guessing.
    expect((await attacker('demo')).status).toBe(429);

    // Another address is not affected, and successful logins never count.
    const colleague = await startLogin('198.51.100.20');
    expect((await colleague('demo')).status).toBe(303);
  });
});
