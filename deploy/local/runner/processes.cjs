// The processes of the local stack: one-off commands (build, migrations), long-running ones (idp, services) started
// again after a crash with a growing pause, their readiness, and stopping them in order.
'use strict';
const { spawn } = require('node:child_process');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { freePort } = require('../../../libs/platform/local-infrastructure/src/infrastructure.cjs');
const { ROOT } = require('../services.cjs');
const { prefixer, warn } = require('../log.cjs');

// A service that crashes after it was ready is started again: 1 s, 2 s, 4 s … at most 30 s apart, at most 5 times in 5 minutes.
const RESTART_FIRST_DELAY_MS = Number(process.env.TSUNAGU_RESTART_DELAY_MS ?? 1_000);
const RESTART_MAX_DELAY_MS = 30_000;
const RESTART_LIMIT = 5;
const RESTART_WINDOW_MS = 5 * 60_000;
const STOP_TIMEOUT_MS = 10_000;

class StackError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** After a crash at `now`, given the earlier crash times: the crashes that count, and the pause before the next start (none: give up). */
function nextRestart(crashes, now, firstDelayMs = RESTART_FIRST_DELAY_MS) {
  const recent = [...crashes.filter((at) => now - at < RESTART_WINDOW_MS), now];
  if (recent.length > RESTART_LIMIT) return { recent, delay: undefined };
  return { recent, delay: Math.min(RESTART_MAX_DELAY_MS, firstDelayMs * 2 ** (recent.length - 1)) };
}
function portIsFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Ports for processes that listen minutes after the choice (after the build and migrations) come from below Linux's
 * ephemeral range (32768–60999), which every outgoing connection draws from: a port the kernel handed out as free
 * (`freePort`) can be some client's local port by the time the service binds it (EADDRINUSE, seen with ten processes).
 */
const LISTEN_PORTS = { from: 20_000, to: 32_000 };

async function pickPort(preferred) {
  if (preferred && (await portIsFree(preferred))) return preferred;
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = LISTEN_PORTS.from + Math.floor(Math.random() * (LISTEN_PORTS.to - LISTEN_PORTS.from));
    if (await portIsFree(port)) return port;
  }
  return freePort();
}

function httpGet(url, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

/** Runs a command to completion with inherited or prefixed output; rejects on a non-zero exit. */
function run(command, args, { env, name, timeoutMs, track } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: name ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'] });
    track?.(child);
    let out;
    if (name) {
      out = prefixer(name);
      child.stdout.on('data', out);
      child.stderr.on('data', out);
    }
    const timer = timeoutMs
      ? setTimeout(() => {
          child.kill('SIGTERM');
          reject(new StackError(`${name ?? command} did not finish within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs)
      : undefined;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      out?.flush();
      track?.(undefined);
      if (code === 0) resolve();
      else reject(new StackError(`${name ?? [command, ...args].join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Runs a command and returns its stdout (stderr is prefixed and shown). */
function capture(command, args, { env, name, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const err = prefixer(name ?? path.basename(command));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', err);
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      err.flush();
      if (code === 0) resolve(stdout);
      else reject(new StackError(`${[path.basename(command), ...args].join(' ')} exited with ${code}`));
    });
  });
}

/**
 * The long-running processes of a stack (idp, every service replica). `launch` starts one and starts it again after a
 * crash once it was ready (`markReady`); a crash before that, or the sixth within five minutes, calls `onCrash` (which
 * stops the stack). `stop` cancels pending restarts and stops services first, then the idp.
 */
function createProcessGroup({ onCrash, isStopping, readyTimeoutMs }) {
  const children = new Map(); // name → { child, entry, stdout, ran }
  const restarts = new Set(); // timers of crashed processes waiting to start again

  // `ran`: the process was ready once (a crash while the stack starts still stops it); `crashes`: times of its exits.
  const launch = (entry, env, { ran = false, crashes = [] } = {}) => {
    const child = spawn(process.execPath, ['--enable-source-maps', entry.main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = prefixer(entry.name);
    const record = { child, entry, stdout: '', ran };
    child.stdout.on('data', (chunk) => {
      // Keep the start of the output: the idp prints its demo users there.
      if (record.stdout.length < 16_384) record.stdout += chunk;
      out(chunk);
    });
    child.stderr.on('data', out);
    children.set(entry.name, record);
    child.on('exit', (code, signal) => {
      out.flush();
      if (isStopping()) return;
      const reason = signal ?? `exit code ${code}`;
      if (!record.ran) return onCrash(`${entry.name} exited unexpectedly (${reason}) — stopping the stack. Its last log lines are above.`);
      // A service that ran and crashed is started again after a growing pause (1, 2, 4 … 30 s), as Kubernetes
      // would; one that keeps crashing stops the stack instead of looping.
      const { recent, delay } = nextRestart(crashes, Date.now());
      if (delay === undefined) {
        return onCrash(`${entry.name} exited ${recent.length} times within ${RESTART_WINDOW_MS / 60_000} minutes (last: ${reason}) — stopping the stack. Its last log lines are above.`);
      }
      warn(`${entry.name} exited unexpectedly (${reason}) — starting it again in ${delay / 1000} s (restart ${recent.length} of ${RESTART_LIMIT} allowed within ${RESTART_WINDOW_MS / 60_000} minutes)`);
      const timer = setTimeout(() => {
        restarts.delete(timer);
        if (!isStopping()) launch(entry, env, { ran: true, crashes: recent });
      }, delay);
      restarts.add(timer);
    });
    return child;
  };

  /** Polls `url` until it answers 200; fails when the process exits first or after readyTimeoutMs. */
  const waitReady = async (entry, url) => {
    const deadline = Date.now() + readyTimeoutMs;
    const { child } = children.get(entry.name);
    for (;;) {
      if (isStopping()) return;
      if (child.exitCode !== null || child.signalCode !== null) throw new StackError(`${entry.name} exited while starting`);
      try {
        const { status } = await httpGet(url);
        if (status === 200) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new StackError(`${entry.name} was not ready within ${readyTimeoutMs / 1000} s (${url})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  const markReady = (entries) => {
    for (const entry of entries) children.get(entry.name).ran = true;
  };

  const stopChild = ({ child, entry }) =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => {
        warn(`${entry.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s — killing it`);
        child.kill('SIGKILL');
      }, STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });

  const stop = async () => {
    for (const timer of restarts) clearTimeout(timer);
    const all = [...children.values()];
    await Promise.all(all.filter(({ entry }) => entry.kind !== 'idp').map(stopChild));
    await Promise.all(all.filter(({ entry }) => entry.kind === 'idp').map(stopChild));
  };

  return { launch, waitReady, markReady, stop, get: (name) => children.get(name), all: () => [...children.values()] };
}

module.exports = { StackError, nextRestart, RESTART_LIMIT, RESTART_WINDOW_MS, portIsFree, pickPort, httpGet, run, capture, createProcessGroup };
