import { PATH_METADATA } from '@nestjs/common/constants';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { AuditAction } from './audit-record';

/** Key of the audit settings inside a Fastify route's `config` (read after the response is built). */
export const AUDIT_ROUTE_CONFIG = 'tsunaguAudit';

export interface AuditRouteConfig {
  resourceType?: string;
  /**
   * Inferred from the HTTP method when absent: GET with an id → read, GET → list, POST → create, PUT/PATCH → update, DELETE → delete.
   * A function decides per request, for routes whose action depends on it (a report read as JSON vs exported as CSV).
   */
  action?: AuditAction | ((request: { method: string; query: unknown }) => AuditAction);
  /** Route parameter holding the resource id (default `id`). */
  idParam?: string;
  /**
   * Persons and households the response exposes ("who saw this person"), evaluated by the audit interceptor on the
   * handler's returned value (never by re-parsing the body). Writes also record the subjects of the entities they
   * change; use cases can add more with `recordAuditSubjects`.
   */
  // Method syntax on purpose: parameters stay bivariant, so a route can name the type its handler returns.
  subjects?(result: unknown, request: { params: unknown; query: unknown; body: unknown }): Iterable<string | null | undefined>;
}

/**
 * A `subjects` option reading ids from the returned view — a record, a `{ items }` page or an array — at each dotted
 * path (`'personId'`, `'members.personId'`; arrays are walked), and from route parameters named `':id'`. Parameters
 * also count when the request is refused (no returned value), so a denied read of a person still names them.
 */
export function subjectsAt(...paths: string[]): NonNullable<AuditRouteConfig['subjects']> {
  return (result, request) => {
    const ids: string[] = [];
    const params = (request?.params ?? {}) as Record<string, unknown>;
    const items = result && typeof result === 'object' && Array.isArray((result as { items?: unknown }).items) ? (result as { items: unknown[] }).items : [result];
    for (const path of paths) {
      if (path.startsWith(':')) collect(params[path.slice(1)], [], ids);
      else for (const item of items) collect(item, path.split('.'), ids);
    }
    return ids;
  };
}

function collect(value: unknown, path: string[], out: string[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, path, out);
    return;
  }
  if (path.length === 0) {
    if (typeof value === 'string') out.push(value);
    return;
  }
  if (typeof value === 'object') collect((value as Record<string, unknown>)[path[0]], path.slice(1), out);
}

type RouteConfig = Record<string, unknown> & { [AUDIT_ROUTE_CONFIG]?: AuditRouteConfig };

function merge(target: object, config: AuditRouteConfig, overwrite: boolean): void {
  const existing: RouteConfig = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, target) ?? {};
  const current = existing[AUDIT_ROUTE_CONFIG] ?? {};
  const next = overwrite ? { ...current, ...config } : { ...config, ...current };
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...existing, [AUDIT_ROUTE_CONFIG]: next }, target);
}

/**
 * Writes exactly one audit record for every request to the decorated routes — successful, denied
 * (401/403/404) or failed — with the caller, action, resource type and id. On a controller it covers
 * every route; method-level settings win. Stored as Fastify route config so even requests the guard
 * rejects are recorded.
 */
export function Audited(resourceType: string, options: Omit<AuditRouteConfig, 'resourceType'> = {}): ClassDecorator & MethodDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const config = { resourceType, ...options };
    if (descriptor) {
      merge(descriptor.value as object, config, true);
      return;
    }
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (typeof method === 'function' && name !== 'constructor' && Reflect.hasMetadata(PATH_METADATA, method)) {
        merge(method, config, false);
      }
    }
  };
}

/** Names the action of a route whose HTTP method says too little (e.g. `POST …/close` → `transition`). */
export function AuditedAction(action: AuditAction): MethodDecorator {
  return (_target, _key, descriptor) => merge(descriptor.value as object, { action }, true);
}
