import { startTestIssuer, type TestIssuer } from '@tsunagu/platform-testing';
import { IssuerUnavailableError, TokenRejectedError, TokenVerifier } from './token-verifier';

describe('TokenVerifier', () => {
  let issuer: TestIssuer;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    verifier = new TokenVerifier({ issuer: issuer.issuer, audience: 'tsunagu-api', clockToleranceSeconds: 5 });
  });
  afterAll(() => issuer.stop());

  it('turns a valid token into a principal, discovering the JWKS from the issuer', async () => {
    const token = await issuer.token({ subject: 'u1', roles: ['caseworker', 'unknown-role'], scope: 'openid records:own' });
    await expect(verifier.verify(token)).resolves.toEqual({
      subject: 'u1',
      municipality: '372013',
      roles: ['caseworker'],
      scopes: ['openid', 'records:own'],
      client: false,
    });
  });

  it('marks client-credentials tokens as clients and keeps the agency', async () => {
    const token = await issuer.token({ client: true, clientId: 'agency-houkatsu', roles: ['agency'], agency: 'org-1' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'agency-houkatsu', client: true, agency: 'org-1' });
  });

  it.each([
    ['expired', { expiresIn: -60 }, /expired/],
    ['not yet valid', { notBefore: 120 }, /nbf/],
    ['forged', { key: 'foreign' as const }, /not signed by the trusted issuer/],
    ['for another audience', { audience: 'other-api' }, /aud/],
    ['from another issuer', { issuer: 'https://evil.example' }, /iss/],
    ['without municipality', { municipality: null }, /municipality/],
    ['with a malformed municipality', { municipality: '37201' }, /municipality/],
  ])('rejects a token that is %s', async (_case, options, reason) => {
    const token = await issuer.token(options);
    const error = await verifier.verify(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toMatch(reason);
  });

  it('rejects unsigned and HMAC tokens', async () => {
    const [header, payload] = (await issuer.token()).split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    await expect(verifier.verify(none)).rejects.toBeInstanceOf(TokenRejectedError);
    const hs = `${Buffer.from(JSON.stringify({ alg: 'HS256', kid: JSON.parse(Buffer.from(header, 'base64url').toString()).kid })).toString('base64url')}.${payload}.c2ln`;
    await expect(verifier.verify(hs)).rejects.toBeInstanceOf(TokenRejectedError);
  });

  it('fails closed when the issuer cannot be reached', async () => {
    const down = await startTestIssuer();
    const token = await down.token();
    await down.stop();
    const fresh = new TokenVerifier({ issuer: down.issuer, audience: 'tsunagu-api', timeoutMs: 1000 });
    await expect(fresh.verify(token)).rejects.toBeInstanceOf(IssuerUnavailableError);
    const direct = new TokenVerifier({ issuer: down.issuer, audience: 'tsunagu-api', jwksUri: down.jwksUri, timeoutMs: 1000 });
    await expect(direct.verify(token)).rejects.toBeInstanceOf(IssuerUnavailableError);
  });

  it('answers a token verified before from memory until it expires, and verifies it again after', async () => {
    const cached = new TokenVerifier({ issuer: issuer.issuer, audience: 'tsunagu-api', clockToleranceSeconds: 0, cacheSize: 2 });
    const token = await issuer.token({ subject: 'u-cache', roles: ['caseworker'], expiresIn: 2 });
    const first = await cached.verify(token);
    const again = await cached.verify(token);
    expect(again).toEqual(first);
    expect(cached.stats).toEqual({ cached: 1, verified: 1 });
    // A forged token is never answered from the cache: it has another hash.
    await expect(cached.verify(`${token.slice(0, -4)}AAAA`)).rejects.toBeInstanceOf(TokenRejectedError);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(cached.verify(token)).rejects.toBeInstanceOf(TokenRejectedError);
  });

  it('keeps at most cacheSize tokens, dropping the least recently used', async () => {
    const cached = new TokenVerifier({ issuer: issuer.issuer, audience: 'tsunagu-api', cacheSize: 2 });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((subject) => issuer.token({ subject, roles: ['caseworker'] })));
    for (const token of [a, b, a, c, a]) await cached.verify(token);
    expect(cached.stats).toEqual({ cached: 2, verified: 3 });
    await cached.verify(b);
    expect(cached.stats.verified).toBe(4);
  });
});
