import type { Manifest } from './helm';

/**
 * Validates a manifest against the Kubernetes OpenAPI schemas shipped in kubernetes-models 4.5.1, and finds
 * fields the schemas do not know. kubernetes-models' validators accept unknown fields (TOOLCHAIN trap 13), but
 * they read every property the schema defines: wrapping the manifest in proxies that record those reads leaves
 * exactly the unknown fields unread. Maps (labels, matchLabels, resources) are enumerated by the validator,
 * so their keys count as read.
 */
interface ModelClass {
  prototype: { validate(this: unknown): void };
}

function modelFor(apiVersion: string, kind: string): ModelClass {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const modulePath = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const models = require(modulePath) as Record<string, ModelClass | undefined>;
  const model = models[kind];
  if (!model) throw new Error(`kubernetes-models has no ${kind} in ${apiVersion}`);
  return model;
}

interface Reads {
  keys: string[];
  read: Set<string>;
}

function track(value: unknown, path: string, reads: Map<string, Reads>): unknown {
  if (Array.isArray(value)) return value.map((item, i) => track(item, `${path}[${i}]`, reads));
  if (value === null || typeof value !== 'object') return value;
  const entry: Reads = { keys: Object.keys(value), read: new Set() };
  reads.set(path, entry);
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) copy[key] = track(child, `${path}.${key}`, reads);
  const note = (key: string | symbol) => {
    if (typeof key === 'string') entry.read.add(key);
  };
  return new Proxy(copy, {
    get(target, key, receiver) {
      note(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      note(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      const keys = Reflect.ownKeys(target);
      keys.forEach(note);
      return keys;
    },
  });
}

export interface SchemaReport {
  errors: string[];
  unknownFields: string[];
}

export function validateManifest(manifest: Manifest): SchemaReport {
  const model = modelFor(manifest.apiVersion, manifest.kind);
  const errors: string[] = [];
  try {
    model.prototype.validate.call(structuredClone(manifest));
  } catch (error) {
    errors.push((error as Error).message);
  }
  const reads = new Map<string, Reads>();
  const tracked = track(structuredClone(manifest), '', reads);
  try {
    model.prototype.validate.call(tracked);
  } catch {
    /* reported above */
  }
  const unknownFields: string[] = [];
  for (const [path, { keys, read }] of reads) {
    for (const key of keys) if (!read.has(key)) unknownFields.push(`${path}.${key}`.replace(/^\./, ''));
  }
  return { errors, unknownFields };
}
