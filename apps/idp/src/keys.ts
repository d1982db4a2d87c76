import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface IdpSecrets {
  /** Private signing keys (JWK) — the public halves are served as the JWKS. */
  jwks: { keys: JWK[] };
  cookieKeys: string[];
}

/** `<repo>/.local/idp`, found from the working directory (the repo root holds nx.json). */
export function defaultDataDir(start = process.cwd()): string {
  let dir = resolve(start);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(start, '.local', 'idp');
    dir = parent;
  }
  return join(dir, '.local', 'idp');
}

/**
 * Loads the signing keys and cookie secrets, creating them on first start. Kept on disk so access
 * tokens (and the `token` command's output) stay valid across restarts.
 */
export async function loadOrCreateSecrets(dataDir: string): Promise<IdpSecrets> {
  const jwksPath = join(dataDir, 'jwks.json');
  const cookiesPath = join(dataDir, 'cookie-keys.json');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!existsSync(jwksPath)) {
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const jwk: JWK = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
    writeOnce(jwksPath, JSON.stringify({ keys: [jwk] }, null, 2));
  }
  if (!existsSync(cookiesPath)) {
    writeOnce(cookiesPath, JSON.stringify([randomBytes(32).toString('base64url')]));
  }
  return {
    jwks: JSON.parse(readFileSync(jwksPath, 'utf8')) as { keys: JWK[] },
    cookieKeys: JSON.parse(readFileSync(cookiesPath, 'utf8')) as string[],
  };
}

/** Creates the file unless another process (the server or the token command) just did. */
function writeOnce(path: string, content: string): void {
  try {
    writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
