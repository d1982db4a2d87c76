// Line-prefixed, lightly formatted output of the stack's child processes: `registry │ INFO  message`.
'use strict';

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const COLORS = [36, 35, 33, 32, 34, 96, 95, 93, 92, 94];
const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
let nextColor = 0;
let width = 9;

const paint = (code, text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);

/** One pino JSON line → `LEVEL message key=value…`; anything else is returned unchanged. */
function formatLine(line) {
  if (!line.startsWith('{')) return line;
  let record;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof record !== 'object' || record === null || !('level' in record)) return line;
  const level = typeof record.level === 'number' ? (LEVELS[record.level] ?? String(record.level)) : String(record.level).toUpperCase().padEnd(5);
  const coloredLevel = record.level >= 50 ? paint(31, level) : record.level >= 40 ? paint(33, level) : level;
  const parts = [coloredLevel, record.context ? `[${record.context}]` : '', record.msg ?? ''];
  if (record.req?.method && record.req.url && !String(record.msg ?? '').includes(record.req.url)) parts.push(`${record.req.method} ${record.req.url}`);
  if (record.res?.statusCode && !String(record.msg ?? '').includes(` ${record.res.statusCode}`)) parts.push(`→ ${record.res.statusCode}${record.responseTime !== undefined ? ` ${record.responseTime} ms` : ''}`);
  if (record.err?.message) parts.push(`— ${record.err.type ?? 'Error'}: ${record.err.message}`);
  if (record.errorId) parts.push(`errorId=${record.errorId}`);
  let text = parts.filter(Boolean).join(' ');
  if (record.err?.stack && record.level >= 50) text += `\n${record.err.stack}`;
  return text;
}

/** Returns a writer for chunks of a child's stdout/stderr that prints complete lines with the name in front. */
function prefixer(name, { raw = process.env.TSUNAGU_RAW_LOGS === '1', filter } = {}) {
  width = Math.max(width, name.length);
  const color = COLORS[nextColor++ % COLORS.length];
  let pending = '';
  const emit = (line) => {
    if (filter && !filter(line)) return;
    const text = raw ? line : formatLine(line);
    for (const part of text.split('\n')) process.stdout.write(`${paint(color, name.padEnd(width))} │ ${part}\n`);
  };
  const write = (chunk) => {
    pending += String(chunk);
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) emit(line);
  };
  write.flush = () => {
    if (pending.trim()) emit(pending);
    pending = '';
  };
  return write;
}

const lines = (stream, color, message) => {
  for (const line of String(message).split('\n')) stream.write(`${paint(color, 'tsunagu'.padEnd(width))} │ ${color === 1 ? line : paint(color, line)}\n`);
};
const say = (message) => lines(process.stdout, 1, message);
const warn = (message) => lines(process.stderr, 33, message);
const fail = (message) => lines(process.stderr, 31, message);

module.exports = { prefixer, formatLine, say, warn, fail, paint };
