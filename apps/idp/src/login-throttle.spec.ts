import type { IncomingMessage } from 'node:http';
import { clientAddress, LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  let now: number;
  const throttle = () => new LoginThrottle({ maxFailures: 10, windowMs: 60_000, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows ten wrong passwords a minute, then refuses with the seconds until the oldest leaves the window', () => {
    const limiter = throttle();
    for (let i = 0; i < 10; i += 1) {
      expect(limiter.check('203.0.113.7')).toEqual({ allowed: true });
      limiter.recordFailure('203.0.113.7');
      now += 1_000;
    }
    // First failure at t0, last at t0 + 9 s, now t0 + 10 s: free again at t0 + 60 s.
    expect(limiter.check('203.0.113.7')).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(limiter.check('198.51.100.1')).toEqual({ allowed: true });
    now += 50_000;
    expect(limiter.check('203.0.113.7')).toEqual({ allowed: true });
    limiter.recordFailure('203.0.113.7');
    now += 1;
    expect(limiter.check('203.0.113.7')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('forgets the least recently failing clients beyond maxClients', () => {
    const limiter = new LoginThrottle({ maxFailures: 1, windowMs: 60_000, maxClients: 2, now: () => now });
    limiter.recordFailure('a');
    limiter.recordFailure('b');
    limiter.recordFailure('c');
    expect(limiter.check('a')).toEqual({ allowed: true });
    expect(limiter.check('b').allowed).toBe(false);
    expect(limiter.check('c').allowed).toBe(false);
  });
});

describe('clientAddress', () => {
  const request = (remoteAddress: string, forwardedFor?: string) =>
    ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

  it('takes the address the local edge appended when the peer is loopback', () => {
    expect(clientAddress(request('127.0.0.1', '203.0.113.7'))).toBe('203.0.113.7');
    // A client's own X-Forwarded-For comes first; the edge's entry is last.
    expect(clientAddress(request('::ffff:127.0.0.1', '10.0.0.1, 203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(request('::1'))).toBe('::1');
  });

  it('ignores X-Forwarded-For from a peer that is not loopback', () => {
    expect(clientAddress(request('198.51.100.9', '203.0.113.7'))).toBe('198.51.100.9');
  });
});
