import { Client } from 'pg';
import type { TestDatabase } from './test-database';

/** What the G12 meta-test found in one service's schema; every list but the first three must be empty. */
export interface RowLevelSecurityFindings {
  /** Tables of the schema with a `municipality` column. */
  tenantTables: string[];
  /** Tenant tables that held rows when the check ran (system view), so the row checks below were not vacuous. */
  tablesWithRows: string[];
  /** Tenant tables that got a row of the other municipality (copied as system work) for the cross-tenant checks. */
  tablesWithOtherMunicipality: string[];
  /** Tenant tables without ENABLE, without FORCE, or without a policy. */
  unprotected: string[];
  /** Why the application role would escape row-level security (superuser, BYPASSRLS, owner, member of the owner). */
  roleProblems: string[];
  /** Tables showing rows to the application role without the setting. */
  visibleWithoutSetting: string[];
  /** Tables showing the application role, set to one municipality, rows of another. */
  visibleToOtherMunicipality: string[];
  /** Tables accepting from the application role, set to one municipality, a row of another. */
  writableForOtherMunicipality: string[];
  /** Owner-only statements the application role managed to run. */
  ownerOperationsAllowed: string[];
}

/** The findings lists that must stay empty, as they start. */
const noProblems = (): Omit<RowLevelSecurityFindings, 'tenantTables' | 'tablesWithRows' | 'tablesWithOtherMunicipality'> => ({
  unprotected: [],
  roleProblems: [],
  visibleWithoutSetting: [],
  visibleToOtherMunicipality: [],
  writableForOtherMunicipality: [],
  ownerOperationsAllowed: [],
});

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function connected<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs `sql` in a savepoint; true when it succeeded (then undone), false when PostgreSQL refused it. */
async function succeeds(client: Client, sql: string, params: unknown[] = []): Promise<boolean> {
  await client.query('savepoint probe');
  try {
    await client.query(sql, params);
    await client.query('rollback to savepoint probe');
    return true;
  } catch {
    await client.query('rollback to savepoint probe');
    return false;
  }
}

/**
 * The row-level security meta-test (RELIABILITY G12, ADR 0012) over one service's migrated schema: the catalogue
 * (every table with a municipality column has RLS enabled, forced and a policy), the application role (no superuser,
 * no BYPASSRLS, owns nothing, cannot become the owner), and the rows — through the application role a query without the
 * setting sees none, a session of `municipality` sees no row of `other` and cannot write one, and the owner-only
 * statements that would switch RLS off are refused. Load data first (demo data) so the row checks have rows to hide;
 * the check copies one row per table to `other` (as system work, kept) for the cross-tenant part.
 */
export async function checkRowLevelSecurity(
  database: TestDatabase,
  schema: string,
  municipality: string,
  other = '999999',
  /** Columns of a table's copy that cannot keep the original's value in `other` (references its own checks refuse there). */
  copyOverrides: Record<string, Record<string, unknown>> = {},
): Promise<RowLevelSecurityFindings> {
  const findings: RowLevelSecurityFindings = {
    tenantTables: [],
    tablesWithRows: [],
    tablesWithOtherMunicipality: [],
    ...noProblems(),
  };
  const owner = decodeURIComponent(new URL(database.url).username);
  const application = database.applicationRole;

  await connected(database.url, async (client) => {
    const tables = await client.query<{ relname: string; rls: boolean; forced: boolean; policies: number; uuid_pk: string[] | null }>(
      `select c.relname, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
              (select count(*)::int from pg_catalog.pg_policy p where p.polrelid = c.oid) as policies,
              (select array_agg(a2.attname::text) from pg_catalog.pg_index i join pg_catalog.pg_attribute a2 on a2.attrelid = c.oid and a2.attnum = any(i.indkey)
                where i.indrelid = c.oid and i.indisprimary and a2.atttypid = 'uuid'::regtype
                having count(*) = (select cardinality(i2.indkey) from pg_catalog.pg_index i2 where i2.indrelid = c.oid and i2.indisprimary)) as uuid_pk
         from pg_catalog.pg_class c
         join pg_catalog.pg_namespace n on n.oid = c.relnamespace
         join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = 'municipality' and not a.attisdropped
        where n.nspname = $1 and c.relkind in ('r', 'p')
        order by c.relname`,
      [schema],
    );
    for (const table of tables.rows) {
      findings.tenantTables.push(table.relname);
      if (!table.rls || !table.forced || table.policies === 0) findings.unprotected.push(table.relname);
    }
    const role = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; owned: number; member: boolean }>(
      `select r.rolsuper, r.rolbypassrls,
              (select count(*)::int from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = $2 and c.relowner = r.oid) as owned,
              pg_catalog.pg_has_role(r.oid, $3::regrole, 'MEMBER') as member
         from pg_catalog.pg_roles r where r.rolname = $1`,
      [application, schema, owner],
    );
    const facts = role.rows[0];
    if (!facts) findings.roleProblems.push(`role ${application} does not exist`);
    else {
      if (facts.rolsuper) findings.roleProblems.push('superuser');
      if (facts.rolbypassrls) findings.roleProblems.push('BYPASSRLS');
      if (facts.owned > 0) findings.roleProblems.push(`owns ${facts.owned} relations of ${schema}`);
      if (facts.member) findings.roleProblems.push(`member of the owner role ${owner}`);
    }
    // As system work (the owner is held by FORCE too): count, and give each table a row of the other municipality.
    await client.query("select set_config('app.system', 'on', false)");
    for (const table of tables.rows) {
      const relation = `${q(schema)}.${q(table.relname)}`;
      const count = await client.query<{ n: number }>(`select count(*)::int as n from ${relation}`);
      if (count.rows[0].n === 0) continue;
      findings.tablesWithRows.push(table.relname);
      if (!table.uuid_pk) continue;
      const overrides = table.uuid_pk.map((column) => `, '${column}', gen_random_uuid()`).join('');
      const copy = `insert into ${relation} select (jsonb_populate_record(null::${relation}, to_jsonb(r) || jsonb_build_object('municipality', $1::text${overrides}) || $3::jsonb)).* from ${relation} r where r.municipality = $2 limit 1`;
      const values = [other, municipality, JSON.stringify(copyOverrides[table.relname] ?? {})];
      await client.query('begin');
      const copied = await succeeds(client, copy, values);
      if (copied) {
        await client.query(copy, values);
        findings.tablesWithOtherMunicipality.push(table.relname);
      }
      await client.query('commit');
    }
  });

  await connected(database.applicationUrl, async (client) => {
    // A fresh session has no setting at all; '' is what the persistence library sets for work without a context.
    for (const value of [undefined, '']) {
      if (value !== undefined) await client.query("select set_config('app.municipality', $1, false), set_config('app.system', $1, false)", [value]);
      for (const table of findings.tenantTables) {
        const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from ${q(schema)}.${q(table)}`);
        if (rows[0].n > 0 && !findings.visibleWithoutSetting.includes(table)) findings.visibleWithoutSetting.push(table);
      }
    }
    for (const table of findings.tenantTables) {
      const relation = `${q(schema)}.${q(table)}`;
      for (const [mine, theirs] of [
        [municipality, other],
        [other, municipality],
      ]) {
        await client.query("select set_config('app.municipality', $1, false), set_config('app.system', '', false)", [mine]);
        const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from ${relation} where municipality = $1`, [theirs]);
        if (rows[0].n > 0 && !findings.visibleToOtherMunicipality.includes(table)) findings.visibleToOtherMunicipality.push(table);
      }
      await client.query("select set_config('app.municipality', $1, false), set_config('app.system', '', false)", [municipality]);
      await client.query('begin');
      const written = await succeeds(
        client,
        `insert into ${relation} select (jsonb_populate_record(null::${relation}, to_jsonb(r) || jsonb_build_object('municipality', $1::text))).* from ${relation} r where r.municipality = $2 limit 1`,
        [other, municipality],
      );
      const moved = await succeeds(client, `update ${relation} set municipality = $1 where municipality = $2`, [other, municipality]);
      const rowsThere = await client.query<{ n: number }>(`select count(*)::int as n from ${relation} where municipality = $1`, [municipality]);
      if ((written || moved) && rowsThere.rows[0].n > 0) findings.writableForOtherMunicipality.push(table);
      for (const statement of [
        `alter table ${relation} disable row level security`,
        `alter table ${relation} no force row level security`,
        `drop policy if exists tenant_isolation on ${relation}`,
        `create policy everything on ${relation} using (true)`,
        `truncate ${relation}`,
      ]) {
        if (await succeeds(client, statement)) findings.ownerOperationsAllowed.push(statement);
      }
      await client.query('rollback');
    }
    for (const statement of [`set role ${q(owner)}`, `set session authorization ${q(owner)}`, `alter role ${q(application)} bypassrls`, `create schema rls_probe`]) {
      await client.query('begin');
      if (await succeeds(client, statement)) findings.ownerOperationsAllowed.push(statement);
      await client.query('rollback');
    }
  });
  return findings;
}

/**
 * What every service's row-level security test expects of `checkRowLevelSecurity`: tenant tables with rows of this
 * and another municipality were checked (so the test did not pass on empty tables), and none of the checks found anything.
 */
export function expectRowLevelSecurityHolds(findings: RowLevelSecurityFindings): void {
  expect(findings.tenantTables.length).toBeGreaterThan(0);
  expect(findings.tablesWithRows.length).toBeGreaterThan(0);
  expect(findings.tablesWithOtherMunicipality.length).toBeGreaterThan(0);
  expect(findings).toMatchObject(noProblems());
}
