import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Principal } from '@tsunagu/platform-context';
import { InvalidClaimsError, principalFromClaims } from './claims';

/** Asymmetric algorithms only: a shared-secret (HS*) or `none` token is never accepted. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** JWKS location; when absent it is read from the issuer's discovery document. */
  jwksUri?: string;
  clockToleranceSeconds?: number;
  /** Timeout of discovery and JWKS requests. */
  timeoutMs?: number;
  /** Verified tokens remembered until they expire (least recently used dropped first); 0 turns the cache off. */
  cacheSize?: number;
}

export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/** The token is missing, expired, forged or lacks required claims: the caller must authenticate again (401). */
export class TokenRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

/** The issuer's keys cannot be fetched: nothing can be verified, so the request is refused (503). */
export class IssuerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IssuerUnavailableError';
  }
}

// jose errors that describe the token itself rather than the key source.
const TOKEN_ERRORS = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWEInvalid,
];

/**
 * Verifies access tokens against the issuer's JWKS. Keys are fetched lazily and cached by jose
 * (refetched when an unknown `kid` appears, at most every 30 s); discovery is cached after the first
 * success and retried after a failure. Any failure to obtain keys denies the request.
 */
export class TokenVerifier {
  private keySet?: Promise<JWTVerifyGetKey>;
  private readonly issuer: string;
  /** sha256(token) → principal and the instant it stops being valid (exp + clock tolerance). Map order = recency. */
  private readonly verified = new Map<string, { principal: Principal; validUntilMs: number }>();
  private readonly cacheSize: number;
  /** Verifications answered from the cache and by signature, for tests and metrics. */
  readonly stats = { cached: 0, verified: 0 };

  constructor(private readonly options: TokenVerifierOptions) {
    this.issuer = options.issuer;
    this.cacheSize = options.cacheSize ?? DEFAULT_VERIFIED_TOKEN_CACHE_SIZE;
  }

  /**
   * The principal of a valid token. A token verified before is answered from memory until it expires: the
   * signature, issuer and audience cannot change, and expiry is checked again on every use. Keys are looked up
   * by hash, so no bearer token is kept.
   */
  async verify(token: string): Promise<Principal> {
    if (this.cacheSize === 0) return this.verifySignature(token);
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = this.verified.get(key);
    if (hit) {
      this.verified.delete(key);
      if (hit.validUntilMs > Date.now()) {
        this.verified.set(key, hit);
        this.stats.cached++;
        return { ...hit.principal };
      }
    }
    const { principal, expiresAt } = await this.verifyWithExpiry(token);
    this.verified.set(key, { principal, validUntilMs: (expiresAt + (this.options.clockToleranceSeconds ?? 10)) * 1000 });
    if (this.verified.size > this.cacheSize) this.verified.delete(this.verified.keys().next().value as string);
    return principal;
  }

  private async verifySignature(token: string): Promise<Principal> {
    return (await this.verifyWithExpiry(token)).principal;
  }

  private async verifyWithExpiry(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    this.stats.verified++;
    const keys = await this.keys();
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.issuer,
        audience: this.options.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: this.options.clockToleranceSeconds ?? 10,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (TOKEN_ERRORS.some((kind) => error instanceof kind)) throw new TokenRejectedError(describe(error as errors.JOSEError));
      throw new IssuerUnavailableError(`the issuer's signing keys could not be fetched (${(error as Error).message})`);
    }
    try {
      return { principal: principalFromClaims(payload), expiresAt: payload.exp as number };
    } catch (error) {
      if (error instanceof InvalidClaimsError) throw new TokenRejectedError(error.message);
      throw error;
    }
  }

  private keys(): Promise<JWTVerifyGetKey> {
    if (!this.keySet) {
      this.keySet = this.resolveJwksUri().then((uri) =>
        createRemoteJWKSet(new URL(uri), { timeoutDuration: this.options.timeoutMs ?? 5000, cooldownDuration: 30_000, cacheMaxAge: 600_000 }),
      );
      // A failed discovery is not cached: the next request tries again.
      this.keySet.catch(() => (this.keySet = undefined));
    }
    return this.keySet;
  }

  private async resolveJwksUri(): Promise<string> {
    if (this.options.jwksUri) return this.options.jwksUri;
    const url = `${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = (await response.json()) as typeof document;
    } catch (error) {
      throw new IssuerUnavailableError(`the issuer's discovery document could not be read (${(error as Error).message})`);
    }
    // OpenID Connect Discovery §4.3: the document must name the issuer we trust.
    if (document.issuer !== this.issuer) throw new IssuerUnavailableError(`discovery document names issuer ${String(document.issuer)}, expected ${this.issuer}`);
    if (typeof document.jwks_uri !== 'string') throw new IssuerUnavailableError('discovery document has no jwks_uri');
    return document.jwks_uri;
  }
}

function describe(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'the token is not signed by the trusted issuer';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token uses an algorithm that is not accepted';
  return 'the token is malformed';
}
