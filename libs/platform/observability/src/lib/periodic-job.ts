import type { LoggerService } from '@nestjs/common';
import { describeError } from './safe-error';

/**
 * Background work a replica runs on a timer (outreach's inactivity check, matching's menu-gap check): every `intervalMs`
 * (0: never), one run at a time — a tick while a run is in flight is skipped — its failure logged by type only (no
 * personal data), and `stop()` waiting for the run in flight so shutdown never cuts a transaction short. Work that must
 * not run on two replicas at once takes its own advisory lock.
 */
export class PeriodicJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly logger: Pick<LoggerService, 'error'>,
    private readonly what: string,
    private readonly run: () => Promise<void>,
  ) {}

  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.run()
        .catch((error: unknown) => this.logger.error(`${this.what} failed: ${describeError(error)}`))
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
