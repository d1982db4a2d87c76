/** Name of the policy every tenant table gets. */
export const TENANT_POLICY = 'tenant_isolation';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function assertIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid ${what} name ${name}`);
  return name;
}

/**
 * The row-level security condition of a tenant table (ADR 0012). A row is visible and writable when its municipality
 * is the session's `app.municipality`, or when the session is system work (`app.system = on`). Without the settings
 * (`current_setting(…, true)` is null or '') nothing matches: a raw query that forgot the tenant sees no row.
 * Where the column is nullable (the audit trail's anonymous records), a row without municipality may be inserted by
 * any session and read by a session of some municipality — the audit API lists `municipality = X or municipality is null`.
 */
export function tenantPolicyConditions(nullable: boolean): { using: string; check: string } {
  const system = "current_setting('app.system', true) = 'on'";
  const own = "municipality = current_setting('app.municipality', true)";
  return {
    using: nullable ? `${system} or ${own} or (municipality is null and current_setting('app.municipality', true) <> '')` : `${system} or ${own}`,
    check: nullable ? `${system} or ${own} or municipality is null` : `${system} or ${own}`,
  };
}

/**
 * SQL that puts every table of `schema` with a `municipality` column under row-level security: ENABLE and FORCE (so
 * the owner is held too, except superusers and BYPASSRLS roles) and the `tenant_isolation` policy, replaced if present.
 * The tables are found in pg_catalog when the statement runs, so a migration that adds tables calls this again (the
 * G12 meta-test, `expectRowLevelSecurity` of @tsunagu/platform-testing, catches a forgotten one).
 */
export function rowLevelSecuritySql(schema: string): string[] {
  assertIdentifier(schema, 'schema');
  const strict = tenantPolicyConditions(false);
  const nullable = tenantPolicyConditions(true);
  const quote = (sql: string) => sql.replace(/'/g, "''");
  return [
    `do $rls$
declare
  tenant_table record;
begin
  for tenant_table in
    select c.relname, not a.attnotnull as nullable
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = 'municipality' and not a.attisdropped
     where n.nspname = '${schema}' and c.relkind in ('r', 'p')
  loop
    execute format('alter table %I.%I enable row level security', '${schema}', tenant_table.relname);
    execute format('alter table %I.%I force row level security', '${schema}', tenant_table.relname);
    execute format('drop policy if exists ${TENANT_POLICY} on %I.%I', '${schema}', tenant_table.relname);
    if tenant_table.nullable then
      execute format('create policy ${TENANT_POLICY} on %I.%I using (%s) with check (%s)', '${schema}', tenant_table.relname, '${quote(nullable.using)}', '${quote(nullable.check)}');
    else
      execute format('create policy ${TENANT_POLICY} on %I.%I using (%s) with check (%s)', '${schema}', tenant_table.relname, '${quote(strict.using)}', '${quote(strict.check)}');
    end if;
  end loop;
end
$rls$`,
  ];
}

/** The reverse of rowLevelSecuritySql, for a migration's down(): drops the policies and switches RLS off again. */
export function dropRowLevelSecuritySql(schema: string): string[] {
  assertIdentifier(schema, 'schema');
  return [
    `do $rls$
declare
  tenant_table record;
begin
  for tenant_table in select tablename from pg_catalog.pg_policies where schemaname = '${schema}' and policyname = '${TENANT_POLICY}' loop
    execute format('drop policy ${TENANT_POLICY} on %I.%I', '${schema}', tenant_table.tablename);
    execute format('alter table %I.%I no force row level security', '${schema}', tenant_table.tablename);
    execute format('alter table %I.%I disable row level security', '${schema}', tenant_table.tablename);
  end loop;
end
$rls$`,
  ];
}

/**
 * What the application role needs in `schema`, run by the migration step (as the owner) after every migration:
 * usage on the schema, select/insert/update/delete on its tables, usage on its sequences — and the same by default for
 * tables and sequences the owner creates there later. Nothing else: no TRUNCATE, REFERENCES, TRIGGER or DDL.
 */
export function applicationGrantsSql(schema: string, applicationRole: string): string[] {
  const s = `"${assertIdentifier(schema, 'schema')}"`;
  const role = `"${assertIdentifier(applicationRole, 'role')}"`;
  return [
    `grant usage on schema ${s} to ${role}`,
    `grant select, insert, update, delete on all tables in schema ${s} to ${role}`,
    `grant usage on all sequences in schema ${s} to ${role}`,
    `alter default privileges in schema ${s} grant select, insert, update, delete on tables to ${role}`,
    `alter default privileges in schema ${s} grant usage on sequences to ${role}`,
  ];
}

/**
 * Functions behind the operators the services' indexes serve under a row-level security policy: LIKE/ILIKE (trigram
 * search), array overlap/containment and jsonb containment. PostgreSQL uses a user's condition as an index condition
 * before the policy's only when its function is LEAKPROOF, and these are not by default, so without the marking every
 * search scans the municipality's whole table (200,000 rows: 9 ms → 390 ms). Marking them costs nothing in this threat
 * model: RLS catches the application's own mistakes, and a session of the application role may set `app.system` anyway.
 * Only a superuser may run this, once per database (docs/operations/database-roles.md); the local stack and the tests
 * do (libs/platform/local-infrastructure/src/database-roles.cjs keeps the same list).
 */
export const LEAKPROOF_SEARCH_FUNCTIONS = [
  'textlike(text, text)',
  'texticlike(text, text)',
  'arrayoverlap(anyarray, anyarray)',
  'arraycontains(anyarray, anyarray)',
  'jsonb_contains(jsonb, jsonb)',
] as const;

export function leakproofSearchFunctionsSql(): string[] {
  return LEAKPROOF_SEARCH_FUNCTIONS.map((signature) => `alter function pg_catalog.${signature} leakproof`);
}
