import type { IncomingMessage } from 'node:http';

export interface LoginThrottleOptions {
  /** Wrong passwords one client may send within the window; the next attempt is refused. */
  maxFailures: number;
  windowMs: number;
  /** Clients remembered at most (the oldest are forgotten first), so a flood of addresses cannot exhaust memory. */
  maxClients?: number;
  now?: () => number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-client limit on wrong passwords at the login form: after `maxFailures` failures within `windowMs`, every
 * login attempt of that client is refused (429 + Retry-After) until the oldest failure leaves the window.
 * Successful logins never count, so the e2e tests and staff signing in from one address are not throttled.
 * In memory: the local IdP is one process.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(private readonly options: LoginThrottleOptions) {
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  check(client: string): ThrottleDecision {
    const recent = this.recent(client);
    if (recent.length < this.options.maxFailures) return { allowed: true };
    const retryAfterMs = recent[recent.length - this.options.maxFailures] + this.options.windowMs - this.now();
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }

  recordFailure(client: string): void {
    const recent = this.recent(client);
    recent.push(this.now());
    // Re-insert so the Map's order is least recently failed first.
    this.failures.delete(client);
    this.failures.set(client, recent);
    while (this.failures.size > this.maxClients) this.failures.delete(this.failures.keys().next().value as string);
  }

  private recent(client: string): number[] {
    const since = this.now() - this.options.windowMs;
    const kept = (this.failures.get(client) ?? []).filter((time) => time > since);
    if (kept.length) this.failures.set(client, kept);
    else this.failures.delete(client);
    return kept;
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * The address a login comes from. The IdP listens on loopback behind the local edge, which sets X-Forwarded-For to
 * the address it sees (replacing the client's own): when the peer is loopback, the last entry of that header is the
 * client (with a proxy that appends instead, entries before it are whatever the client claimed). A peer that is not
 * loopback is the client itself.
 */
export function clientAddress(request: IncomingMessage): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!LOOPBACK.test(peer)) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded.at(-1) ?? peer;
}
