import { PeriodicJob } from './periodic-job';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits for a condition (a loaded machine delays timers: never a fixed sleep for what must have happened). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 10_000) throw new Error('condition not reached within 10 s');
    await sleep(5);
  }
}

describe('PeriodicJob', () => {
  it('runs one at a time (ticks during a run are skipped) and stop() waits for the run in flight', async () => {
    let started = 0;
    let finished = 0;
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const job = new PeriodicJob({ error: jest.fn() }, 'slow work', async () => {
      started += 1;
      await held;
      finished += 1;
    });
    job.start(10);
    await until(() => started === 1);
    await sleep(50);
    // Ticks came and went while the first run was held.
    expect(started).toBe(1);
    const stopped = job.stop();
    let stopReturned = false;
    void stopped.then(() => (stopReturned = true));
    await sleep(20);
    expect(stopReturned).toBe(false);
    release();
    await stopped;
    expect(finished).toBe(1);
    await sleep(40);
    expect(started).toBe(1);
  });

  it('logs a failure by type and message shape only, and keeps running', async () => {
    const error = jest.fn();
    let runs = 0;
    const job = new PeriodicJob({ error }, 'menu gap check', async () => {
      runs += 1;
      throw new TypeError('山田 太郎 さんの値が不正');
    });
    job.start(10);
    await until(() => runs >= 2);
    await job.stop();
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^menu gap check failed: TypeError/));
    expect(error.mock.calls.flat().join('\n')).not.toContain('山田');
  });

  it('never runs with an interval of 0', async () => {
    const run = jest.fn(async () => undefined);
    const job = new PeriodicJob({ error: jest.fn() }, 'off', run);
    job.start(0);
    await sleep(30);
    await job.stop();
    expect(run).not.toHaveBeenCalled();
  });
});
