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
  /** The values last set on this session; undefined when unknown (new connection, rolled back). */
  __tsunaguTenant?: TenantSettings;
  __tsunaguTenantInstalled?: boolean;
}

const ROLLBACK = /^\s*(rollback|abort)\b/i;
/** Statements that end a transaction read no rows: they pass through, and must, as a failed set_config would block them. */
const TRANSACTION_END = /^\s*(rollback|abort|commit|end|release)\b/i;

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
  const original = tracked.query.bind(client) as QueryFn;
  tracked.query = function tenantQuery(...args: unknown[]): unknown {
    const desired = tenantSettings();
    const current = tracked.__tsunaguTenant;
    const text = textOf(args[0]);
    const rollback = ROLLBACK.test(text);
    if ((current && current.municipality === desired.municipality && current.system === desired.system) || TRANSACTION_END.test(text)) {
      if (rollback) tracked.__tsunaguTenant = undefined;
      return original(...args);
    }
    tracked.__tsunaguTenant = desired;
    const forget = () => {
      tracked.__tsunaguTenant = undefined;
    };
    const setValues = [desired.municipality, desired.system];
    const callback = typeof args[args.length - 1] === 'function' ? (args[args.length - 1] as Callback) : undefined;
    const submittable = args[0] && typeof (args[0] as { submit?: unknown }).submit === 'function';
    if (callback) {
      // knex's form: the client is held by one caller, so nothing can be queued between the two statements.
      original(SET_TENANT_SQL, setValues, (error: Error | null) => {
        if (error) {
          forget();
          callback(error);
          return;
        }
        original(...args);
      });
      return undefined;
    }
    if (submittable) {
      // Streams: node-postgres runs queued queries in order, so the settings still precede the stream's query.
      (original(SET_TENANT_SQL, setValues) as Promise<unknown>).catch(forget);
      return original(...args);
    }
    return (original(SET_TENANT_SQL, setValues) as Promise<unknown>).then(
      () => original(...args),
      (error: unknown) => {
        forget();
        throw error;
      },
    );
  };
}

/**
 * node-postgres connection options that start a session as system work (`app.system = on`): for the platform's own
 * pools that work across municipalities by design (the outbox relay) and never run a tenant's request.
 */
export const SYSTEM_SESSION_OPTIONS = '-c app.system=on';
