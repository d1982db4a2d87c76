import type { EntityManager } from '@mikro-orm/core';
import * as pg from 'pg';
import { TenantContext } from '@tsunagu/platform-context';

/**
 * The session settings the row-level security policies read (row-level-security.ts): `app.municipality` is the
 * municipality whose rows the work may touch, `app.system` is 'on' for system work (relays, migrations, demo data,
 * cross-municipality projections). Both are '' for work without a context, which then sees no tenant row.
 */
export interface TenantSettings {
  municipality: string;
  system: string;
}

/** The settings that match the current TenantContext. */
export function tenantSettings(): TenantSettings {
  const context = TenantContext.current();
  return { municipality: context?.municipality ?? '', system: context?.system ? 'on' : '' };
}

export const SET_TENANT_SQL = "select set_config('app.municipality', $1, false), set_config('app.system', $2, false)";

type Callback = (error: Error | null, result?: unknown) => void;
type QueryFn = (...args: unknown[]) => unknown;

interface TrackedClient {
  query: QueryFn;
  /** node-postgres' quoting of a string literal: its presence tells a node-postgres client (quoteLiteral writes the same). */
  escapeLiteral?: (value: string) => string;
  /** The values last set on this session; undefined when unknown (new connection, rolled back). */
  __tsunaguTenant?: TenantSettings;
  __tsunaguTenantInstalled?: boolean;
  /** Statements to send in the same round trip as the open transaction's COMMIT (sendWithCommit). */
  __tsunaguWithCommit?: string[];
  /** A BEGIN answered at once and not yet sent: it goes in the same round trip as the transaction's first statement. */
  __tsunaguBegin?: string;
  /** The open transaction's savepoints, each with how many statements were queued for the COMMIT when it was taken. */
  __tsunaguSavepoints?: { name: string; queued: number }[];
  /** Set by sendingAtOnce: statements for the COMMIT go at once, so a failing one fails where it belongs. */
  __tsunaguAtOnce?: boolean;
}

const ROLLBACK = /^\s*(rollback|abort)\b/i;
/** A nested transaction's statements, as knex sends them (`SAVEPOINT trx2;`, `RELEASE SAVEPOINT trx2;`, `ROLLBACK TO SAVEPOINT trx2`). */
const SAVEPOINT = /^\s*savepoint\s+("?\w+"?)/i;
const RELEASE = /^\s*release\s+(?:savepoint\s+)?("?\w+"?)/i;
const ROLLBACK_TO = /^\s*rollback\s+(?:work\s+|transaction\s+)?to\s+(?:savepoint\s+)?("?\w+"?)/i;
const COMMIT = /^\s*(commit|end)\b/i;
/** Statements that end a transaction read no rows: they pass through, and must, as a failed set_config would block them. */
const TRANSACTION_END = /^\s*(rollback|abort|commit|end|release)\b/i;
/** The BEGIN that opens a transaction (knex's `BEGIN;`, with or without its isolation level), nothing after it. */
const BEGIN = /^\s*(begin|start\s+transaction)\b[^;]*;?\s*$/i;
/** What node-postgres answers a BEGIN. */
const BEGIN_RESULT = { command: 'BEGIN', rowCount: null, oid: null, rows: [], fields: [] };

/** A query sent in the simple protocol (text only: no values, no prepared name, not a stream) can carry several statements. */
function isSimpleQuery(args: unknown[]): boolean {
  const [config, values] = args;
  if (typeof config === 'string') return !Array.isArray(values) || values.length === 0;
  if (!config || typeof config !== 'object') return false;
  const query = config as { text?: unknown; values?: unknown[]; name?: unknown; submit?: unknown };
  return typeof query.text === 'string' && !query.name && typeof query.submit !== 'function' && (!Array.isArray(query.values) || query.values.length === 0);
}

/** node-postgres' callback form: the last argument, when it is a function (else the query answers a promise). */
function callbackOf(args: unknown[]): Callback | undefined {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as Callback) : undefined;
}

/** Answers a query without sending it, in the form it was asked (callback or promise). */
function answerNow(args: unknown[], result: unknown): unknown {
  const callback = callbackOf(args);
  if (!callback) return Promise.resolve(result);
  process.nextTick(() => callback(null, result));
  return undefined;
}

/**
 * `send` for the statements that follow a deferred BEGIN: the first query goes as `BEGIN; <statement>` in one round trip,
 * answered with the statement's own result. node-postgres sends one query at a time, so a BEGIN sent on its own costs a
 * round trip; a statement with parameters therefore travels with its values written as literals (`withValuesWritten`),
 * and only one whose values cannot be written so is preceded by the BEGIN on its own (node-postgres keeps the order).
 * The session's tenant settings may go before the BEGIN (they are session-level either way).
 */
function sendAfterBegin(original: QueryFn, begin: string, canWriteValues: boolean): QueryFn {
  let sent = false;
  return (...args: unknown[]): unknown => {
    if (sent || textOf(args[0]) === SET_TENANT_SQL) return original(...args);
    sent = true;
    const simple = isSimpleQuery(args) ? args : canWriteValues ? withValuesWritten(args) : undefined;
    if (!simple) {
      original(begin, () => undefined);
      return original(...args);
    }
    const config = simple[0];
    const text = `${begin.replace(/;?\s*$/, '')};\n${textOf(config)}`;
    const merged = typeof config === 'string' ? text : { ...(config as object), text };
    const last = (results: unknown) => (Array.isArray(results) ? results[results.length - 1] : results);
    const callback = callbackOf(args);
    if (callback) return original(merged, (error: Error | null, results?: unknown) => (error ? callback(error) : callback(null, last(results))));
    return (original(merged) as Promise<unknown>).then(last);
  };
}

/** node-postgres' conversion of a parameter's value to the text it sends (the same for a literal written here). */
const prepareValue = (pg as unknown as { utils?: { prepareValue?: (value: unknown) => unknown } }).utils?.prepareValue;

/**
 * The arguments of a query with parameters (`$1`, `$2` …) as a simple query whose text carries each value as the
 * literal of the text node-postgres would have sent for it (an untyped literal, which PostgreSQL types from its context
 * as it types a parameter), or undefined where that cannot be done exactly: a prepared or streamed query, binary
 * values or results, a value node-postgres sends as bytes, a NUL (a simple query's text ends there), or a statement
 * this scan cannot read with certainty (backslashes, block comments, dollar quoting, `$` inside a name).
 */
function withValuesWritten(args: unknown[]): unknown[] | undefined {
  if (!prepareValue) return undefined;
  const [config, second] = args;
  let text: string;
  let values: unknown;
  if (typeof config === 'string') {
    text = config;
    values = second;
  } else {
    if (!config || typeof config !== 'object') return undefined;
    const query = config as { text?: unknown; values?: unknown; name?: unknown; submit?: unknown; binary?: unknown; types?: unknown };
    if (typeof query.text !== 'string' || query.name || typeof query.submit === 'function' || query.binary || query.types) return undefined;
    text = query.text;
    values = query.values;
  }
  if (!Array.isArray(values) || /[\\]|\/\*/.test(text)) return undefined;
  const literals: string[] = [];
  for (const value of values) {
    let prepared: unknown;
    try {
      prepared = prepareValue(value);
    } catch {
      return undefined; // node-postgres reports it as it would have
    }
    if (prepared === null) literals.push('null');
    else if (typeof prepared === 'string' && !prepared.includes('\0')) literals.push(quoteLiteral(prepared));
    else return undefined;
  }
  const written = writeParameters(text, literals);
  if (written === undefined) return undefined;
  const callback = callbackOf(args);
  const simple = typeof config === 'string' ? written : { ...(config as object), text: written, values: undefined };
  return callback ? [simple, callback] : [simple];
}

/** `text` with each `$n` outside quotes and comments replaced by `literals[n - 1]`; undefined where it is not sure. */
function writeParameters(text: string, literals: readonly string[]): string | undefined {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"') {
      // A quoted literal or name, its quote doubled inside: copied as it is.
      let end = i + 1;
      for (;;) {
        end = text.indexOf(c, end);
        if (end === -1) return undefined;
        if (text[end + 1] === c) end += 2;
        else break;
      }
      out += text.slice(i, end + 1);
      i = end + 1;
    } else if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else if (c === '$') {
      const digits = /^\$(\d+)/.exec(text.slice(i, i + 12));
      // Dollar quoting, or `$` inside a name (`a$1`): not read here.
      if (!digits || (i > 0 && /[\w$]/.test(text[i - 1]))) return undefined;
      const literal = literals[Number(digits[1]) - 1];
      if (literal === undefined) return undefined;
      out += literal;
      i += digits[0].length;
    } else {
      // Plain text up to the next character that may start a literal, a name, a comment or a parameter, in one copy.
      STATEMENT_SPECIAL.lastIndex = i + 1;
      const next = STATEMENT_SPECIAL.exec(text)?.index ?? text.length;
      out += text.slice(i, next);
      i = next;
    }
  }
  return out;
}

/** What writeParameters reads other than plain text: quotes, a comment's `-`, a parameter's `$`. */
const STATEMENT_SPECIAL = /['"$-]/g;

function textOf(config: unknown): string {
  if (typeof config === 'string') return config;
  if (config && typeof config === 'object' && typeof (config as { text?: unknown }).text === 'string') return (config as { text: string }).text;
  return '';
}

/**
 * Makes every query on a node-postgres client run with the tenant settings of the TenantContext it was issued in.
 * Called once per pooled connection (knex `afterCreate`). The settings are only sent when they differ from what the
 * session already has, so a replica serving one municipality pays one extra round trip per connection, not per query.
 *
 * Session-level set_config inside a transaction is undone by ROLLBACK (and ROLLBACK TO SAVEPOINT): after one, the
 * tracked values are forgotten and the next query sets them again. A failed set_config fails the query it preceded
 * instead of letting it run with the previous tenant's settings.
 */
export function installTenantSettings(client: unknown): void {
  const tracked = client as TrackedClient;
  if (tracked.__tsunaguTenantInstalled) return;
  tracked.__tsunaguTenantInstalled = true;
  const unsent = tracked.query.bind(client) as QueryFn;
  tracked.query = function tenantQuery(...args: unknown[]): unknown {
    const desired = tenantSettings();
    const current = tracked.__tsunaguTenant;
    const text = textOf(args[0]);
    // A BEGIN reads nothing and cannot fail on a working connection: it travels with the transaction's first statement
    // (one round trip fewer per transaction, issue 14). A broken connection fails that statement instead.
    if (tracked.__tsunaguBegin === undefined && BEGIN.test(text) && isSimpleQuery(args)) {
      tracked.__tsunaguBegin = text;
      return answerNow(args, BEGIN_RESULT);
    }
    const begin = tracked.__tsunaguBegin;
    tracked.__tsunaguBegin = undefined;
    const original = begin === undefined ? unsent : sendAfterBegin(unsent, begin, typeof tracked.escapeLiteral === 'function');
    const rollback = ROLLBACK.test(text);
    const rollbackTo = ROLLBACK_TO.exec(text)?.[1];
    trackSavepoints(tracked, text, rollbackTo);
    // What this query sends once the session's settings are right: itself, or a COMMIT with the statements queued for it.
    let send = (): unknown => original(...args);
    let carriesStatements = false;
    if (tracked.__tsunaguWithCommit) {
      const statements = tracked.__tsunaguWithCommit;
      if (COMMIT.test(text)) {
        tracked.__tsunaguWithCommit = undefined;
        send = () => commitWith(tracked, original, statements, text, args);
        // The statements write rows: where they are the transaction's first (a create sending all with its COMMIT),
        // the session's settings go before them as before any other statement.
        carriesStatements = true;
      } else if (rollback && rollbackTo === undefined) {
        // A rollback drops them with the transaction they belong to; a rollback to a savepoint only those queued after it.
        tracked.__tsunaguWithCommit = undefined;
      }
    }
    if ((current && current.municipality === desired.municipality && current.system === desired.system) || (TRANSACTION_END.test(text) && !carriesStatements)) {
      if (rollback) tracked.__tsunaguTenant = undefined;
      return send();
    }
    tracked.__tsunaguTenant = desired;
    const forget = () => {
      tracked.__tsunaguTenant = undefined;
    };
    const setValues = [desired.municipality, desired.system];
    const callback = callbackOf(args);
    const submittable = args[0] && typeof (args[0] as { submit?: unknown }).submit === 'function';
    if (callback) {
      // knex's form: the client is held by one caller, so nothing can be queued between the two statements.
      original(SET_TENANT_SQL, setValues, (error: Error | null) => {
        if (error) {
          forget();
          callback(error);
          return;
        }
        send();
      });
      return undefined;
    }
    if (submittable) {
      // Streams: node-postgres runs queued queries in order, so the settings still precede the stream's query.
      (original(SET_TENANT_SQL, setValues) as Promise<unknown>).catch(forget);
      return send();
    }
    return (original(SET_TENANT_SQL, setValues) as Promise<unknown>).then(
      () => send(),
      (error: unknown) => {
        forget();
        throw error;
      },
    );
  };
}

/**
 * Keeps the savepoint stack of the open transaction: a ROLLBACK TO a savepoint drops the statements queued for the
 * COMMIT after it was taken (those before it belong to the work that goes on), a RELEASE forgets it, and the end of the
 * transaction forgets them all. Before, any ROLLBACK TO dropped every queued statement, the outer transaction's too.
 */
function trackSavepoints(tracked: TrackedClient, text: string, rollbackTo: string | undefined): void {
  const savepoint = SAVEPOINT.exec(text)?.[1];
  if (savepoint !== undefined) {
    (tracked.__tsunaguSavepoints ??= []).push({ name: savepoint, queued: tracked.__tsunaguWithCommit?.length ?? 0 });
    return;
  }
  const stack = tracked.__tsunaguSavepoints ?? [];
  const released = RELEASE.exec(text)?.[1];
  const named = rollbackTo ?? released;
  if (named !== undefined) {
    const index = stack.map((entry) => entry.name).lastIndexOf(named);
    if (index === -1) return;
    if (rollbackTo !== undefined && tracked.__tsunaguWithCommit) {
      const kept = tracked.__tsunaguWithCommit.slice(0, stack[index].queued);
      tracked.__tsunaguWithCommit = kept.length > 0 ? kept : undefined;
    }
    // ROLLBACK TO keeps the savepoint itself; RELEASE removes it with those taken after it.
    stack.length = rollbackTo !== undefined ? index + 1 : index;
    return;
  }
  if (TRANSACTION_END.test(text)) tracked.__tsunaguSavepoints = undefined;
}

/**
 * The COMMIT with the statements queued before it, as one simple-protocol query (one round trip). PostgreSQL skips the
 * rest of the string after a failing statement, leaving the transaction aborted: the connection rolls back before the
 * caller hears of the error, so it goes back to the pool clean and nothing of the transaction was committed.
 */
function commitWith(tracked: TrackedClient, original: QueryFn, statements: string[], commit: string, args: unknown[]): unknown {
  const callback = callbackOf(args);
  const sent = new Promise<unknown>((resolve, reject) => {
    original(`${statements.join(';\n')};\n${commit}`, (error: Error | null, result?: unknown) => (error ? reject(error) : resolve(result)));
  });
  const settled = sent.then(
    // One result per statement: the caller asked for the COMMIT's.
    (results) => (Array.isArray(results) ? results[results.length - 1] : results),
    (error: unknown) =>
      new Promise<never>((_resolve, reject) => {
        tracked.__tsunaguTenant = undefined;
        original('rollback', () => reject(error));
      }),
  );
  if (!callback) return settled;
  settled.then(
    (result) => callback(null, result),
    (error: Error) => callback(error),
  );
  return undefined;
}

/** A knex transaction as far as sendWithCommit needs it: its client hands out the transaction's connection. */
interface TransactionWithConnection {
  client?: { acquireConnection?: () => Promise<unknown> };
}

/**
 * Queues a statement to be sent in the same round trip as `transaction`'s COMMIT (a root transaction of a pool set up
 * with installTenantSettings), as the platform's writes that nothing reads back do: a write's audit record (ADR 0011,
 * issue 14), its outbox events, an idempotency key's stored response. A query of several statements cannot carry
 * parameters, so each `?` of `sql` becomes the SQL literal of its value (strings, dates, arrays, null quoted here); a
 * statement without values is sent as written. A failing statement fails the COMMIT: the change and the statement commit
 * together or not at all. Returns false where the connection has no hook (send it yourself then).
 */
export async function sendWithCommit(transaction: unknown, sql: string, values: readonly unknown[] = []): Promise<boolean> {
  const connection = await queueingConnection(transaction);
  if (!connection) return false;
  (connection.__tsunaguWithCommit ??= []).push(values.length === 0 ? sql : withLiterals(sql, values));
  return true;
}

/** The connection of `transaction` when statements for its COMMIT ride with it (installTenantSettings, not sendingAtOnce). */
async function queueingConnection(transaction: unknown): Promise<TrackedClient | undefined> {
  const client = (transaction as TransactionWithConnection | undefined)?.client;
  if (typeof client?.acquireConnection !== 'function') return undefined;
  const connection = (await client.acquireConnection()) as TrackedClient | undefined;
  if (!connection?.__tsunaguTenantInstalled || connection.__tsunaguAtOnce || typeof connection.escapeLiteral !== 'function') return undefined;
  return connection;
}

/**
 * Whether statements handed to sendWithCommit for `transaction` ride with its COMMIT (false: they are, or must be,
 * sent at once). A caller whose statement may fail on a conflict it would otherwise check for first (reporting's
 * projected_event) queues it only then: the failure fails the COMMIT, and the work is taken again statement by statement.
 */
export async function ridesWithCommit(transaction: unknown): Promise<boolean> {
  return (await queueingConnection(transaction)) !== undefined;
}

/**
 * Runs `work` with the statements meant for the COMMIT of transactions on `connection` (a pooled node-postgres client)
 * sent at once instead: where several pieces of work share a transaction, each in its own savepoint, a failing statement
 * then fails the piece of work that queued it rather than the COMMIT of them all (the consumers' batches, ADR 0024).
 */
export async function sendingAtOnce<T>(connection: unknown, work: () => Promise<T>): Promise<T> {
  const tracked = connection as TrackedClient | undefined;
  if (!tracked) return work();
  const before = tracked.__tsunaguAtOnce;
  tracked.__tsunaguAtOnce = true;
  try {
    return await work();
  } finally {
    tracked.__tsunaguAtOnce = before;
  }
}

/**
 * A statement whose result nobody reads: with the COMMIT of `em`'s transaction where its connection can carry it
 * (sendWithCommit), else at once in that transaction, or on its own without one. The one way the platform's writes
 * that nothing reads back are sent (the outbox events, a created row, an idempotency response, a consumer's last
 * statement — ADR 0018, ADR 0023).
 */
export async function executeWithCommit(em: EntityManager, sql: string, values: readonly unknown[] = [], transaction: unknown = em.getTransactionContext()): Promise<void> {
  if (transaction && (await sendWithCommit(transaction, sql, values))) return;
  await em.getConnection().execute(sql, [...values], 'run', transaction as never);
}

/** `sql` with each `?` replaced by the literal of the value in its place; as many values as placeholders. */
function withLiterals(sql: string, values: readonly unknown[]): string {
  let next = 0;
  const filled = sql.replace(/\?/g, () => sqlLiteral(values[next++]));
  if (next !== values.length) throw new Error(`${values.length} values for ${next} placeholders`);
  return filled;
}

/** An SQL literal of a value a parameter would have carried; arrays as `array[…]`, so the statement casts them. */
function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date) return quoteLiteral(value.toISOString());
  if (typeof value === 'string') return quoteLiteral(value);
  if (Array.isArray(value)) return `array[${value.map((item) => sqlLiteral(item)).join(', ')}]`;
  throw new Error(`no SQL literal for a ${typeof value}`);
}

/**
 * The SQL literal of `text` exactly as node-postgres' `escapeLiteral` writes it (quotes doubled; with a backslash, an
 * ` E'…'` literal with backslashes doubled too), built from whole-string replacements: node-postgres concatenates it
 * one character at a time, and the platform quotes every value it sends with a COMMIT (issue 14).
 */
export function quoteLiteral(text: string): string {
  const quoted = text.includes("'") ? text.replaceAll("'", "''") : text;
  return text.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/**
 * node-postgres connection options that start a session as system work (`app.system = on`): for the platform's own
 * pools that work across municipalities by design (the outbox relay) and never run a tenant's request.
 */
export const SYSTEM_SESSION_OPTIONS = '-c app.system=on';
