// W3C Trace Context (https://www.w3.org/TR/trace-context/): a fresh sampled `traceparent` per request, so each
// k6 request is one trace in the collector and its trace id appears in the services' logs (trace_id).
import { randomBytes } from 'k6/crypto';

function hex(bytes: number): string {
  const buffer = new Uint8Array(randomBytes(bytes));
  let out = '';
  for (const b of buffer) out += b.toString(16).padStart(2, '0');
  return /^0+$/.test(out) ? hex(bytes) : out; // all-zero ids are invalid
}

export function traceparent(): string {
  return `00-${hex(16)}-${hex(8)}-01`;
}

/** RFC 9562 version-4 UUID (Idempotency-Key); no remote jslib import, so air-gapped runners work. */
export function uuidv4(): string {
  const b = new Uint8Array(randomBytes(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
