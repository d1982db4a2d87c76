import Ajv from 'ajv';
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

/**
 * Custom resources of the Prometheus Operator are not in kubernetes-models: a closed schema of the fields the chart
 * renders (monitoring.coreos.com/v1), so a typo is still an unknown field.
 */
const labelMap = { type: 'object', additionalProperties: { type: 'string' } };
const crdMetadata = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: labelMap, annotations: labelMap },
};
const crdSchemas: Record<string, object> = {
  'monitoring.coreos.com/v1/ServiceMonitor': {
    type: 'object',
    additionalProperties: false,
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: 'monitoring.coreos.com/v1' },
      kind: { const: 'ServiceMonitor' },
      metadata: crdMetadata,
      spec: {
        type: 'object',
        additionalProperties: false,
        required: ['selector', 'endpoints'],
        properties: {
          selector: {
            type: 'object',
            additionalProperties: false,
            properties: {
              matchLabels: labelMap,
              matchExpressions: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['key', 'operator'],
                  properties: { key: { type: 'string' }, operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }, values: { type: 'array', items: { type: 'string' } } },
                },
              },
            },
          },
          namespaceSelector: { type: 'object', additionalProperties: false, properties: { any: { type: 'boolean' }, matchNames: { type: 'array', items: { type: 'string' } } } },
          endpoints: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['port'],
              properties: {
                port: { type: 'string' },
                path: { type: 'string', pattern: '^/' },
                interval: { type: 'string', pattern: '^[0-9]+(ms|s|m|h)$' },
                scrapeTimeout: { type: 'string', pattern: '^[0-9]+(ms|s|m|h)$' },
                honorLabels: { type: 'boolean' },
              },
            },
          },
        },
      },
    },
  },
  'monitoring.coreos.com/v1/PrometheusRule': {
    type: 'object',
    additionalProperties: false,
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: 'monitoring.coreos.com/v1' },
      kind: { const: 'PrometheusRule' },
      metadata: crdMetadata,
      spec: {
        type: 'object',
        additionalProperties: false,
        required: ['groups'],
        properties: {
          groups: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'rules'],
              properties: {
                name: { type: 'string' },
                interval: { type: 'string' },
                rules: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['alert', 'expr'],
                    properties: {
                      alert: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
                      expr: { type: 'string', minLength: 1 },
                      for: { type: 'string', pattern: '^[0-9]+(ms|s|m|h)$' },
                      labels: labelMap,
                      annotations: labelMap,
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

function validateCustomResource(manifest: Manifest, schema: object): SchemaReport {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  validate(manifest);
  const errors: string[] = [];
  const unknownFields: string[] = [];
  for (const error of validate.errors ?? []) {
    const path = error.instancePath.replace(/^\//, '').replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
    if (error.keyword === 'additionalProperties') unknownFields.push(`${path ? `${path}.` : ''}${(error.params as { additionalProperty: string }).additionalProperty}`);
    else errors.push(`${path} ${error.message}`);
  }
  return { errors, unknownFields };
}

export function validateManifest(manifest: Manifest): SchemaReport {
  const customSchema = crdSchemas[`${manifest.apiVersion}/${manifest.kind}`];
  if (customSchema) return validateCustomResource(manifest, customSchema);
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
