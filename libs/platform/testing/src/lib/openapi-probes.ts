import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { injectJson, type Reply } from './test-http';

/*
 * Requests derived from a service's OpenAPI document, so every operation — including ones added later — is
 * probed: hostile values one field at a time (NUL, unpaired surrogates, impossible dates, huge numbers and
 * pages, deep JSON, formula-looking cells) and marker values in every string field (the personal-data tests
 * then look for the marker where it must not be).
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The parts of an OpenAPI 3 document the probes read. */
export interface OpenApiDocument {
  paths: Record<string, Partial<Record<Lowercase<Method>, OpenApiOperation>>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: SchemaObject }[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
}

interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  minimum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  example?: unknown;
}

export interface Probe {
  method: Method;
  url: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** What the probe does, for failure messages: `POST /api/intake/persons body.familyName = NUL`. */
  label: string;
  /** The body field a 400 must name (a documented limit the probe breaks); otherwise any 4xx will do. */
  refusedField?: string;
}

export interface ProbeFailure {
  label: string;
  status: number | 'hang';
  detail?: string;
}

const METHODS: Method[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
const SAMPLE_UUID = '01900000-0000-7000-8000-00000000beef';

/** Hostile string values and what they are. */
export const HOSTILE_STRINGS: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['lone high surrogate', 'a\uD800b'],
  ['lone low surrogate', '\uDC00'],
  ['100,000 characters', 'x'.repeat(100_000)],
  ['formula', '=HYPERLINK("http://example.invalid","x")'],
  ['impossible date', '1990-02-30'],
  ['zero date', '0000-00-00'],
  ['impossible time', '2025-06-01T25:61:00+09:00'],
  ['year 275760', '+275760-09-13T00:00:00Z'],
  ['empty', ''],
  ['right-to-left override', '\u202Eevil'],
];

const HOSTILE_NUMBERS: [string, unknown][] = [
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['2^53+2', 2 ** 53 + 2],
  ['2^31', 2 ** 31],
  ['-1', -1],
  ['0', 0],
  ['1.5', 1.5],
  ['numeric string', '12'],
];

/** Query-string values, already URL-encoded. */
export const HOSTILE_QUERY_VALUES: [string, string][] = [
  ['NUL', '%00'],
  ['invalid UTF-8 (CESU surrogate)', '%ED%A0%80'],
  ['1e18', '1e18'],
  ['20 digits', '99999999999999999999'],
  ['-1', '-1'],
  ['zero date', '0000-00-00'],
  ['impossible date', '1990-02-30'],
  ['5,000 characters', 'x'.repeat(5000)],
  ['formula', '%3DHYPERLINK(1)'],
  ['empty', ''],
];

const HOSTILE_PATH_VALUES: [string, string][] = [
  ['NUL', '%00'],
  ['invalid UTF-8', '%ED%A0%80'],
  ['2,000 characters', 'x'.repeat(2000)],
  ['unknown uuid', SAMPLE_UUID],
  ['traversal', '..%2F..%2Fetc'],
];

const WHOLE_BODIES: [string, string][] = [
  ['JSON nested 10,000 levels', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
  ['object nested 10,000 levels', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
  ['null', 'null'],
  ['array', '[]'],
  ['string', '"x"'],
  ['__proto__', '{"__proto__":{"polluted":true}}'],
  ['constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'],
  ['truncated', '{"a":'],
];

/** Bodies of text uploads (CSV imports): a header row of `name` and one hostile row each. */
const HOSTILE_TEXT_BODIES: [string, string][] = [
  ['NUL in a cell', 'name,district\na\u0000b,x\n'],
  ['lone surrogate in a cell', 'name,district\na\uD800b,x\n'],
  ['formula cells', 'name,district\n=HYPERLINK("http://example.invalid"),@SUM(1)\n'],
  ['unterminated quote', 'name,district\n"abc,x\n'],
  ['100,000-character cell', `name,district\n${'x'.repeat(100_000)},x\n`],
  ['empty', ''],
  ['binary', '\u0000\u0001\u0002\uFFFE\uFFFF'],
];

function nested(levels: number): unknown {
  let value: unknown = 'deep';
  for (let index = 0; index < levels; index++) value = { a: value };
  return value;
}

class SchemaReader {
  constructor(private readonly document: OpenApiDocument) {}

  resolve(schema: SchemaObject | undefined, seen = new Set<string>()): SchemaObject | undefined {
    if (!schema) return undefined;
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return undefined;
      seen.add(name);
      return this.resolve(this.document.components?.schemas?.[name], seen);
    }
    if (schema.allOf?.length) {
      const parts = schema.allOf.map((part) => this.resolve(part, new Set(seen))).filter((part): part is SchemaObject => !!part);
      return {
        type: 'object',
        properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
        required: parts.flatMap((part) => part.required ?? []),
      };
    }
    const choice = schema.oneOf?.[0] ?? schema.anyOf?.[0];
    if (choice) return this.resolve(choice, seen);
    return schema;
  }

  /** A value the schema accepts, as far as the schema says (cross-field rules are the service's). */
  sample(schema: SchemaObject | undefined, depth = 0): unknown {
    const resolved = this.resolve(schema);
    if (!resolved || depth > 6) return undefined;
    if (resolved.enum?.length) return resolved.enum[0];
    if (resolved.example !== undefined) return resolved.example;
    const type = Array.isArray(resolved.type) ? resolved.type.find((entry) => entry !== 'null') : resolved.type;
    switch (type) {
      case 'string':
        if (resolved.format === 'date') return '2025-06-02';
        if (resolved.format === 'date-time') return '2025-06-02T10:00:00+09:00';
        if (resolved.format === 'uuid') return SAMPLE_UUID;
        if (resolved.format === 'email') return 'probe@example.jp';
        return 'probe'.padEnd(resolved.minLength ?? 0, 'e');
      case 'integer':
      case 'number':
        return resolved.minimum !== undefined ? Math.max(resolved.minimum, 1) : 1;
      case 'boolean':
        return true;
      case 'array': {
        const item = this.sample(resolved.items, depth + 1);
        return item === undefined ? [] : Array.from({ length: Math.max(resolved.minItems ?? 1, 1) }, () => item);
      }
      default: {
        if (!resolved.properties) return type === 'object' ? {} : undefined;
        const value: Record<string, unknown> = {};
        for (const [name, property] of Object.entries(resolved.properties)) {
          const sampled = this.sample(property, depth + 1);
          if (sampled !== undefined) value[name] = sampled;
        }
        return value;
      }
    }
  }

  /** Every leaf (and array/object) of a sampled body with its path and schema. */
  fields(schema: SchemaObject | undefined, path: string[] = [], depth = 0): { path: string[]; schema: SchemaObject }[] {
    const resolved = this.resolve(schema);
    if (!resolved || depth > 4) return [];
    const here = path.length ? [{ path, schema: resolved }] : [];
    if (resolved.properties && !resolved.enum) {
      return [...here, ...Object.entries(resolved.properties).flatMap(([name, property]) => this.fields(property, [...path, name], depth + 1))];
    }
    if ((Array.isArray(resolved.type) ? resolved.type.includes('array') : resolved.type === 'array') && resolved.items) {
      return [...here, ...this.fields(resolved.items, [...path, '0'], depth + 1)];
    }
    return here;
  }
}

function setPath(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let cursor: Record<string, unknown> = copy;
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      cursor[key] = value;
      break;
    }
    if (cursor[key] === undefined || cursor[key] === null || typeof cursor[key] !== 'object') cursor[key] = /^\d+$/.test(path[index + 1]) ? [] : {};
    cursor = cursor[key] as Record<string, unknown>;
  }
  return copy;
}

function leafType(schema: SchemaObject): string | undefined {
  if (schema.enum) return 'string';
  return Array.isArray(schema.type) ? schema.type.find((entry) => entry !== 'null') : schema.type;
}

interface Operation {
  method: Method;
  template: string;
  operation: OpenApiOperation;
}

function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    METHODS.filter((method) => item[method.toLowerCase() as Lowercase<Method>]).map((method) => ({
      method,
      template,
      operation: item[method.toLowerCase() as Lowercase<Method>] as OpenApiOperation,
    })),
  );
}

function fillPath(template: string, ids: Record<string, string>, override?: [string, string]): string {
  return template.replace(/\{([^}]+)\}/g, (_whole, name: string) => (override && override[0] === name ? override[1] : (ids[template.slice(0, template.indexOf(`{${name}}`))] ?? SAMPLE_UUID)));
}

function jsonBodySchema(operation: OpenApiOperation): SchemaObject | undefined {
  return operation.requestBody?.content?.['application/json']?.schema;
}

/**
 * Ids of existing records for path parameters: for `/api/x/persons/{id}/…` the first item of `GET /api/x/persons`,
 * so probes reach the handlers and not only the 404 of an unknown id.
 */
export async function existingIds(app: NestFastifyApplication, document: OpenApiDocument, bearer: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const template of Object.keys(document.paths)) {
    let offset = template.indexOf('{');
    while (offset >= 0) {
      const prefix = template.slice(0, offset);
      if (!(prefix in ids)) {
        const list = prefix.replace(/\/$/, '');
        const reply = document.paths[list]?.get ? await injectJson(app, 'GET', `${list}?perPage=1`, { bearer }) : undefined;
        const first = reply?.body?.items?.[0]?.id;
        ids[prefix] = typeof first === 'string' ? first : SAMPLE_UUID;
      }
      offset = template.indexOf('{', offset + 1);
    }
  }
  return ids;
}

/** One hostile value at a time in every query parameter, path parameter and body field of every operation. */
export function hostileProbes(document: OpenApiDocument, ids: Record<string, string> = {}): Probe[] {
  const reader = new SchemaReader(document);
  const probes: Probe[] = [];
  for (const { method, template, operation } of operationsOf(document)) {
    const url = fillPath(template, ids);
    const schema = jsonBodySchema(operation);
    const body = schema ? reader.sample(schema) : undefined;
    const send = (label: string, probe: Omit<Probe, 'method' | 'label'>) => probes.push({ method, label: `${method} ${template} ${label}`, ...probe });

    for (const parameter of operation.parameters ?? []) {
      if (parameter.in === 'query') {
        for (const [name, value] of HOSTILE_QUERY_VALUES) send(`?${parameter.name} = ${name}`, { url: `${url}?${parameter.name}=${value}`, body });
        send(`?${parameter.name} twice`, { url: `${url}?${parameter.name}=1&${parameter.name}=2`, body });
      } else if (parameter.in === 'path') {
        for (const [name, value] of HOSTILE_PATH_VALUES) send(`{${parameter.name}} = ${name}`, { url: fillPath(template, ids, [parameter.name, value]), body });
      }
    }
    const textTypes = Object.keys(operation.requestBody?.content ?? {}).filter((type) => type.startsWith('text/'));
    for (const type of textTypes) {
      for (const [name, raw] of HOSTILE_TEXT_BODIES) send(`${type} body = ${name}`, { url, raw, headers: { 'content-type': type } });
    }
    if (!schema || method === 'GET' || method === 'DELETE') continue;
    for (const [name, raw] of WHOLE_BODIES) send(`body = ${name}`, { url, raw });
    for (const field of reader.fields(schema)) {
      const at = `body.${field.path.join('.')}`;
      const type = leafType(field.schema);
      const values: [string, unknown][] =
        type === 'integer' || type === 'number'
          ? HOSTILE_NUMBERS
          : type === 'boolean'
            ? [['string', 'yes'], ['null', null]]
            : type === 'array'
              ? [['10,000 items', Array.from({ length: 10_000 }, () => reader.sample(field.schema.items))], ['object', { 0: 'x' }], ['nested 40 levels', nested(40)]]
              : type === 'object' || field.schema.properties
                ? [['array', []], ['nested 40 levels', nested(40)], ['string', 'x']]
                : HOSTILE_STRINGS;
      for (const [name, value] of values) send(`${at} = ${name}`, { url, body: setPath(body, field.path, value) });
    }
  }
  return probes;
}

/**
 * One item over every documented `maxItems` of a request body: the server must refuse it with a 400 naming that
 * field, so the limits agency developers read in the OpenAPI document are the ones enforced.
 */
export function capProbes(document: OpenApiDocument, ids: Record<string, string> = {}): Probe[] {
  const reader = new SchemaReader(document);
  const probes: Probe[] = [];
  for (const { method, template, operation } of operationsOf(document)) {
    const schema = jsonBodySchema(operation);
    if (!schema || method === 'GET' || method === 'DELETE') continue;
    const body = reader.sample(schema);
    for (const field of reader.fields(schema)) {
      const max = field.schema.maxItems;
      if (max === undefined || field.path.includes('0')) continue;
      const items = Array.from({ length: max + 1 }, () => reader.sample(field.schema.items));
      const at = field.path.join('.');
      probes.push({ method, url: fillPath(template, ids), body: setPath(body, field.path, items), label: `${method} ${template} body.${at} = ${max + 1} items`, refusedField: at });
    }
  }
  return probes;
}

/**
 * `marker` in every string field of every body and in every query and path parameter: requests that succeed
 * and requests that fail (a marker is no date, no uuid, no code).
 */
export function markerProbes(document: OpenApiDocument, marker: string, ids: Record<string, string> = {}): Probe[] {
  const reader = new SchemaReader(document);
  const probes: Probe[] = [];
  for (const { method, template, operation } of operationsOf(document)) {
    const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => `${parameter.name}=${encodeURIComponent(marker)}`);
    const url = fillPath(template, ids);
    const schema = jsonBodySchema(operation);
    let body = schema && method !== 'GET' ? reader.sample(schema) : undefined;
    for (const field of schema ? reader.fields(schema) : []) {
      if (leafType(field.schema) === 'string' && !field.schema.enum) body = setPath(body, field.path, marker);
    }
    const label = `${method} ${template}`;
    probes.push({ method, url: query.length ? `${url}?${query.join('&')}` : url, body, label: `${label} with markers` });
    // The same body with valid-looking strings only where formats demand them, so the write may succeed and
    // the marker travels further (into the database, events and the audit trail).
    if (schema && method !== 'GET') {
      let lenient = reader.sample(schema);
      for (const field of reader.fields(schema)) {
        if (leafType(field.schema) === 'string' && !field.schema.enum && !field.schema.format) lenient = setPath(lenient, field.path, marker);
      }
      probes.push({ method, url, body: lenient, label: `${label} with markers in free text` });
    }
    const pathParameter = (operation.parameters ?? []).find((parameter) => parameter.in === 'path');
    if (pathParameter) probes.push({ method, url: fillPath(template, ids, [pathParameter.name, encodeURIComponent(marker)]), label: `${label} with a marker as {${pathParameter.name}}` });
  }
  return probes;
}

/**
 * Sends the probes (a few at a time) and returns those answered with a 5xx or not answered within `timeoutMs`.
 * `x-forwarded-for` varies so the per-client rate limit does not turn the probes into 429s.
 */
export async function sendProbes(
  app: NestFastifyApplication,
  probes: Probe[],
  bearer: string,
  { concurrency = 4, timeoutMs = 10_000 }: { concurrency?: number; timeoutMs?: number } = {},
): Promise<{ failures: ProbeFailure[]; statuses: Record<number, number> }> {
  const failures: ProbeFailure[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const index = next++;
      const probe = probes[index];
      let timer: NodeJS.Timeout | undefined;
      const reply = await Promise.race<Reply | 'hang'>([
        injectJson(app, probe.method, probe.url, { body: probe.body, raw: probe.raw, bearer, headers: { 'x-forwarded-for': `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`, ...probe.headers } }),
        new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), timeoutMs))),
      ]).finally(() => clearTimeout(timer));
      if (reply === 'hang') failures.push({ label: probe.label, status: 'hang' });
      else {
        statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
        if (reply.status >= 500) failures.push({ label: probe.label, status: reply.status, detail: String(reply.body?.detail ?? reply.text).slice(0, 200) });
        else if (probe.refusedField !== undefined && (reply.status !== 400 || !Object.keys(reply.body?.errors ?? {}).includes(probe.refusedField))) {
          failures.push({ label: probe.label, status: reply.status, detail: `expected a 400 naming ${probe.refusedField}, got fields ${Object.keys(reply.body?.errors ?? {}).join(', ')}` });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { failures, statuses };
}
