import { createHmac, timingSafeEqual } from 'node:crypto';

/** Used only when NODE_ENV=test and REPORTING_SNAPSHOT_KEY is unset. Never a deployment's key. */
export const TEST_SNAPSHOT_KEY = 'tsunagu-test-snapshot-key-not-for-any-deployment';

/** JSON with object keys sorted at every level: the same bytes whatever order jsonb returns the keys in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface SignedContent {
  municipality: string;
  fiscalYear: number;
  revision: number;
  closedAt: string;
  figures: unknown;
}

export function signClosure(key: string, content: SignedContent): string {
  return createHmac('sha256', key).update(canonicalJson(content), 'utf8').digest('base64url');
}

export function verifyClosure(key: string, content: SignedContent, signature: string): boolean {
  const expected = Buffer.from(signClosure(key, content));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
