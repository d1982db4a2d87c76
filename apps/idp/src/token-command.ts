import { importJWK, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import type { IdpConfig } from './config';
import { API_SCOPES, CONSOLE_CLIENT_ID, findAgencyClient, findUser, tsunaguClaims } from './demo-identities';
import type { IdpSecrets } from './keys';

/**
 * Signs an access token for a demo user (or agency client) with the IdP's own keys and the same
 * claims the IdP issues, for curl and load tests (`npm run token -- caseworker`). Development only.
 */
export async function issueDevToken(config: IdpConfig, secrets: IdpSecrets, name: string, options: { scope?: string } = {}): Promise<string> {
  const user = findUser(name);
  const client = user ? undefined : findAgencyClient(name);
  const identity = user ?? client;
  if (!identity) throw new Error(`unknown demo user or agency client: ${name}`);
  const jwk = secrets.jwks.keys[0];
  const key = await importJWK(jwk, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  const clientId = client ? client.clientId : CONSOLE_CLIENT_ID;
  return new SignJWT({
    ...tsunaguClaims(identity),
    client_id: clientId,
    scope: options.scope ?? (client ? 'tsunagu' : API_SCOPES[0]),
  })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'at+jwt' })
    .setIssuer(config.IDP_ISSUER)
    .setAudience(config.IDP_AUDIENCE)
    .setSubject(user ? user.username : clientId)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + config.IDP_ACCESS_TOKEN_TTL)
    .sign(key);
}
