import { DomainErrorCode, DomainException, type FieldErrors } from '@tsunagu/platform-errors';

/*
 * Values no field of any service accepts, refused before validation so they never reach a DTO, a query or
 * PostgreSQL (which rejects NUL in text and answers 500): NUL characters, unpaired UTF-16 surrogates (not
 * Unicode; PostgreSQL cannot store them), numbers JavaScript cannot hold exactly, and JSON nested deeper than
 * any of our documents. 外字 (private use characters) and ideographic variation sequences are ordinary,
 * well-formed text and pass.
 */

/** Deepest JSON nesting any request body of ours needs (a plan's goals' actions are 4 levels). */
export const MAX_JSON_DEPTH = 32;

const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text value is refused, or undefined when it is acceptable. */
export function unsafeTextReason(text: string): string | undefined {
  if (text.includes(NUL)) return 'must not contain NUL (U+0000) characters';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode text (an unpaired surrogate was found)';
  return undefined;
}

/** Field paths (`phones.0.number`, `q`) of every hostile value in a parsed query, body or path parameters. */
export function hostileFields(value: unknown, path = '', into: FieldErrors = {}, depth = 0): FieldErrors {
  const name = path || 'body';
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    if (reason) into[name] = `${name} ${reason}`;
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) into[name] = `${name} is out of range`;
  } else if (Array.isArray(value)) {
    if (depth > MAX_JSON_DEPTH) into[name] = `${name} is nested too deeply`;
    else value.forEach((item, index) => hostileFields(item, path ? `${path}.${index}` : String(index), into, depth + 1));
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    if (depth > MAX_JSON_DEPTH) into[name] = `${name} is nested too deeply`;
    else
      for (const [key, item] of Object.entries(value)) {
        const keyReason = unsafeTextReason(key);
        // A hostile key is named by its position, never echoed.
        if (keyReason) into[path ? `${path}.<key>` : '<key>'] = `field names ${keyReason}`;
        else hostileFields(item, path ? `${path}.${key}` : key, into, depth + 1);
      }
  }
  return into;
}

/** Throws the 400 problem naming every field of a query, body or path parameters that holds a hostile value. */
export function assertNoHostileValues(...parts: unknown[]): void {
  const errors: FieldErrors = {};
  for (const part of parts) hostileFields(part, '', errors);
  const fields = Object.keys(errors);
  if (fields.length === 0) return;
  throw new DomainException(DomainErrorCode.ValidationFailed, `Invalid field(s): ${fields.join(', ')}`, { errors });
}

/**
 * Nesting depth of a JSON text without parsing it (strings skipped), stopping as soon as `limit` is passed:
 * `JSON.parse` and the validators recurse, and 10,000 levels end in a RangeError.
 */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}
