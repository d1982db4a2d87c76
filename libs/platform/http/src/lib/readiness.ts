import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<void>;

/**
 * Checks `/readyz` runs. Each platform module registers what it depends on (database, NATS, …);
 * a failing check takes the replica out of the load balancer without restarting it.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private draining = false;

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** Called on SIGTERM: readiness fails from now on so traffic drains before connections close. */
  startDraining(): void {
    this.draining = true;
  }

  async evaluate(timeoutMs = 2000): Promise<{ ready: boolean; checks: Record<string, { status: 'up' | 'down'; error?: string }> }> {
    const entries = await Promise.all(
      [...this.checks.entries()].map(async ([name, check]) => {
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs).unref()),
          ]);
          return [name, { status: 'up' as const }] as const;
        } catch (error) {
          return [name, { status: 'down' as const, error: (error as Error).message }] as const;
        }
      }),
    );
    const checks: Record<string, { status: 'up' | 'down'; error?: string }> = Object.fromEntries(entries);
    if (this.draining) checks['shutdown'] = { status: 'down', error: 'draining before shutdown' };
    return { ready: Object.values(checks).every((check) => check.status === 'up'), checks };
  }
}
