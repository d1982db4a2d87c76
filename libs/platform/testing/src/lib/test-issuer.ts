import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface TestTokenOptions {
  subject?: string;
  roles?: string[];
  /** 6-digit municipality code; `null` leaves the claim out. Defaults to 372013 (高松市). */
  municipality?: string | null;
  agency?: string;
  scope?: string;
  /** Marks a client-credentials token (`client_id` = `sub`). */
  client?: boolean;
  clientId?: string;
  /** Lifetime in seconds; negative values produce an already expired token. Default 300. */
  expiresIn?: number;
  notBefore?: number;
  audience?: string | string[];
  issuer?: string;
  /** `foreign` signs with a key the issuer never published (a forged token). */
  key?: 'issuer' | 'foreign';
  extraClaims?: Record<string, unknown>;
}

export interface TestIssuer {
  issuer: string;
  jwksUri: string;
  audience: string;
  token(options?: TestTokenOptions): Promise<string>;
  /** Stops serving discovery and JWKS (an IdP outage). */
  stop(): Promise<void>;
}

/**
 * A tiny OpenID issuer for tests: serves `/.well-known/openid-configuration` and `/jwks` on a free
 * port and signs tokens with the claims Tsunagu services expect (docs/security/tokens.md).
 */
export async function startTestIssuer({ audience = 'tsunagu-api' }: { audience?: string } = {}): Promise<TestIssuer> {
  const signing = await generateKeyPair('ES256', { extractable: true });
  const foreign = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const publicJwk: JWK = { ...(await exportJWK(signing.publicKey)), kid, alg: 'ES256', use: 'sig' };

  let issuer = '';
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    const send = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (path === '/.well-known/openid-configuration') send({ issuer, jwks_uri: `${issuer}/jwks`, id_token_signing_alg_values_supported: ['ES256'] });
    else if (path === '/jwks') send({ keys: [publicJwk] });
    else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sign = async (options: TestTokenOptions = {}): Promise<string> => {
    const key: CryptoKey = options.key === 'foreign' ? foreign.privateKey : signing.privateKey;
    const subject = options.subject ?? (options.client ? (options.clientId ?? 'test-client') : 'test-user');
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      roles: options.roles ?? [],
      client_id: options.client ? subject : (options.clientId ?? 'tsunagu-console'),
      ...(options.municipality === null ? {} : { municipality: options.municipality ?? '372013' }),
      ...(options.agency ? { agency: options.agency } : {}),
      ...(options.scope ? { scope: options.scope } : {}),
      ...options.extraClaims,
    };
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? audience)
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 300));
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    return jwt.sign(key);
  };

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    audience,
    token: sign,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
