import { Injectable } from '@nestjs/common';
import { describeError } from '@tsunagu/platform-observability';

export type ReadinessCheck = () => Promise<void>;

export interface ReadinessOptions {
  /**
   * Whether a failure takes the replica out of the load balancer (default). A dependency the service can work
   * without for a while — NATS, behind the outbox — is reported as `down` but leaves the replica ready: taking every
   * replica out during a broker outage would refuse the writes the outbox exists to keep.
   */
  critical?: boolean;
}

export interface CheckResult {
  status: 'up' | 'down';
  critical: boolean;
  error?: string;
}

/**
 * Checks `/readyz` runs. Each platform module registers what it depends on (database, NATS, …);
 * a failing check takes the replica out of the load balancer without restarting it.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, { check: ReadinessCheck; critical: boolean }>();
  private draining = false;

  register(name: string, check: ReadinessCheck, { critical = true }: ReadinessOptions = {}): void {
    this.checks.set(name, { check, critical });
  }

  /** Called on SIGTERM: readiness fails from now on so traffic drains before connections close. */
  startDraining(): void {
    this.draining = true;
  }

  async evaluate(timeoutMs = 2000): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
    const entries = await Promise.all(
      [...this.checks.entries()].map(async ([name, { check, critical }]) => {
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => setTimeout(() => reject(new ReadinessTimeout(timeoutMs)), timeoutMs).unref()),
          ]);
          return [name, { status: 'up' as const, critical }] as const;
        } catch (error) {
          // By type and code: /readyz is reachable without a token, and messages name hosts and ports.
          return [name, { status: 'down' as const, critical, error: describeError(error) }] as const;
        }
      }),
    );
    const checks: Record<string, CheckResult> = Object.fromEntries(entries);
    if (this.draining) checks['shutdown'] = { status: 'down', critical: true, error: 'draining before shutdown' };
    return { ready: Object.values(checks).every((check) => check.status === 'up' || !check.critical), checks };
  }
}

class ReadinessTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'ReadinessTimeout';
  }

  get safeMessage(): string {
    return this.message;
  }
}
