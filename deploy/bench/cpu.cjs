// Where a scenario's CPU goes in the stack (issue 14: "a profile of what is left"): the CPU time each process of the
// local stack spent during one measurement, per request. The stack is this process's children — each service
// replica, the idp, PostgreSQL (the postmaster and its backends), nats-server, the baseline, autocannon — so a
// process's share is read from /proc as its whole subtree, with what its ended children spent (cutime: a backend that
// closed); autocannon's ended runs count through this process's own cutime. Linux only (elsewhere: undefined, and the bench prints no split). A service whose database or
// broker is not ours (DATABASE_URL / NATS_URL elsewhere) shows no PostgreSQL or NATS share.
'use strict';
const fs = require('node:fs');

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** pid → { ppid, ticks (utime + stime), childTicks (reaped children), command } of every process, from /proc. */
function processTable() {
  const table = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name in parentheses may hold spaces: the fields after it are counted from its closing one.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      table.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), childTicks: Number(fields[13]) + Number(fields[14]), command });
    } catch {
      // Ended between the listing and the read.
    }
  }
  return table;
}

/** A child of the stack named by what it runs: the service of `dist/apps/<name>`, postgres, nats, the bench's tools. */
function processName(command) {
  const line = command.join(' ');
  const app = /dist\/apps\/([\w-]+)\//.exec(line);
  if (app) return app[1];
  if (/postgres/.test(command[0] ?? '')) return 'postgres';
  if (/nats-server/.test(line)) return 'nats';
  if (/baseline\.cjs/.test(line)) return 'baseline';
  if (/load\.cjs/.test(line)) return 'load (autocannon)';
  return (command[0] ?? '?').split('/').pop();
}

/** CPU ticks so far per name over this process's children's subtrees, with this process itself (the edge, the bench). */
function cpuSnapshot() {
  if (process.platform !== 'linux') return undefined;
  const table = processTable();
  const children = new Map();
  for (const [pid, info] of table) {
    if (!children.has(info.ppid)) children.set(info.ppid, []);
    children.get(info.ppid).push(pid);
  }
  const subtree = (pid) => {
    let ticks = 0;
    for (const stack = [pid]; stack.length > 0; ) {
      const next = stack.pop();
      // A process that ended moved its ticks to its parent's reaped-children count (a PostgreSQL backend whose pool let
      // it go): counted there, or a measurement would lose them.
      ticks += (table.get(next)?.ticks ?? 0) + (table.get(next)?.childTicks ?? 0);
      stack.push(...(children.get(next) ?? []));
    }
    return ticks;
  };
  const self = table.get(process.pid);
  const byName = { 'stack (edge, bench)': self?.ticks ?? 0, 'load (autocannon)': self?.childTicks ?? 0 };
  for (const pid of children.get(process.pid) ?? []) {
    const name = processName(table.get(pid).command);
    byName[name] = (byName[name] ?? 0) + subtree(pid);
  }
  return byName;
}

/** ms of CPU per request per name between two snapshots, largest first; names under 0.05 ms per request are left out. */
function cpuPerRequest(before, after, requests) {
  if (!before || !after || !(requests > 0)) return undefined;
  const shares = Object.keys(after)
    .map((name) => ({ name, ms: ((after[name] - (before[name] ?? 0)) * TICK_MS) / requests }))
    .filter((share) => share.ms >= 0.05)
    .sort((a, b) => b.ms - a.ms);
  return { totalMs: shares.reduce((sum, share) => sum + share.ms, 0), shares };
}

/** One line per measurement: `scenario · target: 3.1 ms CPU per request — registry 1.4, postgres 0.9, …`. */
function cpuLine(label, split) {
  if (!split) return undefined;
  return `${label}: ${split.totalMs.toFixed(2)} ms CPU per request — ${split.shares.map((share) => `${share.name} ${share.ms.toFixed(2)}`).join(', ')}`;
}

module.exports = { cpuSnapshot, cpuPerRequest, cpuLine, processName };
