import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';

/** Lines written to a stream (a service's pino logger, PostgreSQL's server log), kept for the assertions. */
export class CapturedLines {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer | string, _encoding, done) => {
      this.add(String(chunk));
      done();
    },
  });

  add(text: string): void {
    for (const line of text.split('\n')) if (line.trim()) this.lines.push(line);
  }

  /** Lines holding `marker`, as is or URL-encoded (expected: none). */
  containing(marker: string): string[] {
    const encoded = encodeURIComponent(marker);
    return this.lines.filter((line) => line.includes(marker) || line.includes(encoded));
  }
}

export interface LoggedPostgres {
  /** Server URL (point DATABASE_URL here before creating test databases). */
  url: string;
  log: CapturedLines;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL of its own for a test that reads the server log, started the way `npm start` and `npm test`
 * start theirs (libs/platform/local-infrastructure/src/infrastructure.cjs, same logging settings), in a child process.
 */
export async function startLoggedPostgres(): Promise<LoggedPostgres> {
  const log = new CapturedLines();
  const child = spawn(process.execPath, [join(__dirname, '..', 'logged-postgres.cjs')], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += String(chunk);
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('READY ')) resolve(line.slice(6).trim());
        else if (line.startsWith('LOG ')) log.add(line.slice(4));
      }
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL for the log test exited (${code}): ${errors}`)));
  });
  return {
    url,
    log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Observed<T> {
  /** What `boot` returned (the service under test). */
  service: T;
  /** The service's log lines (every logger created while booting, at debug level). */
  logs: CapturedLines;
  /** PostgreSQL's server log. */
  postgres: LoggedPostgres;
  /** Stops capturing, closes nothing of `service` (close it first), stops PostgreSQL. */
  stop(): Promise<void>;
}

/**
 * Boots a service on a PostgreSQL of its own with its logs captured: for the tests that send marker values and
 * then look for them in the service's log and the server log. `capture` is platform-observability's
 * `captureServiceLogs` (passed in: the testing library does not depend on the observability library).
 */
export async function bootObserved<T>(boot: () => Promise<T>, capture: (stream: NodeJS.WritableStream, level: string) => () => void): Promise<Observed<T>> {
  const postgres = await startLoggedPostgres();
  const previousUrl = process.env['DATABASE_URL'];
  process.env['DATABASE_URL'] = postgres.url;
  const logs = new CapturedLines();
  const stopCapture = capture(logs.stream, 'debug');
  try {
    const service = await boot();
    return {
      service,
      logs,
      postgres,
      stop: async () => {
        stopCapture();
        process.env['DATABASE_URL'] = previousUrl;
        await postgres.stop();
      },
    };
  } catch (error) {
    stopCapture();
    process.env['DATABASE_URL'] = previousUrl;
    await postgres.stop();
    throw error;
  }
}
