/*
 * Errors as they may appear in a log line, a span or a dead-letter header: what kind of error, its code and
 * where it came from — never its message. Messages carry the data that caused them: MikroORM's driver
 * exceptions hold the whole SQL with its values ("insert into person … values ('山田', …)"), PostgreSQL's
 * `detail` holds the conflicting key ("Key (phone)=(090-…) already exists"), V8's JSON errors quote the input.
 */

/** Properties of a PostgreSQL / driver error that name a place in the schema, never a value. */
const SAFE_PROPERTIES = ['code', 'sqlState', 'constraint', 'table', 'column', 'schema', 'routine', 'errno', 'syscall'] as const;

/**
 * Errors whose message is written by us for people (DomainException, RPC errors, stale versions) and never
 * holds request values. Everything else is described by type and code only.
 */
export interface SafeMessage {
  readonly safeMessage: string;
}

export interface LoggableError {
  type: string;
  message?: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  routine?: string;
  stack?: string;
  cause?: LoggableError;
}

function hasSafeMessage(error: object): error is SafeMessage {
  return typeof (error as Partial<SafeMessage>).safeMessage === 'string';
}

/** The stack's frames without its first line(s), which repeat the message. */
function framesOnly(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length ? frames.join('\n') : undefined;
}

/** An error reduced to what may be logged: type, codes and schema names, stack frames, a safe message. */
export function loggableError(error: unknown, depth = 0): LoggableError {
  if (!(error instanceof Error)) {
    if (error && typeof error === 'object') {
      // Nest's RPC filters reject with plain `{ code, message }` objects written by our services.
      const plain = error as { code?: unknown; status?: unknown };
      return { type: 'object', ...(typeof plain.code === 'string' || typeof plain.code === 'number' ? { code: String(plain.code) } : {}) };
    }
    return { type: typeof error };
  }
  const result: LoggableError = { type: error.name || error.constructor?.name || 'Error' };
  if (hasSafeMessage(error)) result.message = error.safeMessage;
  const record = error as unknown as Record<string, unknown>;
  for (const key of SAFE_PROPERTIES) {
    const value = record[key];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    if (key === 'sqlState' || key === 'errno') {
      result.code ??= String(value);
      continue;
    }
    if (key === 'syscall') continue;
    (result as unknown as Record<string, string>)[key] = String(value);
  }
  const stack = framesOnly(error.stack);
  if (stack) result.stack = stack;
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && depth < 3) result.cause = loggableError(cause, depth + 1);
  return result;
}

/** One line for a log message or a header: `UniqueConstraintViolationException 23505 person_phone_unique`. */
export function describeError(error: unknown): string {
  const loggable = loggableError(error);
  const parts = [loggable.type];
  if (loggable.code) parts.push(loggable.code);
  if (loggable.constraint) parts.push(`constraint=${loggable.constraint}`);
  if (loggable.table) parts.push(`table=${loggable.table}`);
  if (loggable.column) parts.push(`column=${loggable.column}`);
  if (loggable.message) parts.push(`— ${loggable.message}`);
  let cause = loggable.cause;
  while (cause) {
    parts.push(`(cause: ${cause.type}${cause.code ? ` ${cause.code}` : ''})`);
    cause = cause.cause;
  }
  return parts.join(' ');
}
