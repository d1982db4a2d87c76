// The two database roles of a local stack and of the tests (docs/operations/database-roles.md, ADR 0012): the owner
// role that migrations run as (owns the schemas and tables), and the application role the services run as (owns
// nothing, no superuser, no BYPASSRLS: row-level security holds it). Production DBAs create theirs by hand.
'use strict';

/** Local and test roles only: these passwords protect nothing but a developer's or a test's throwaway server. */
const LOCAL_ROLES = {
  owner: { name: 'tsunagu_owner', password: 'tsunagu_owner' },
  application: { name: 'tsunagu_app', password: 'tsunagu_app' },
};

/** `url` with another user, password and (optionally) database. */
function withRole(url, role, database) {
  const next = new URL(url);
  next.username = encodeURIComponent(role.name);
  next.password = encodeURIComponent(role.password);
  if (database) next.pathname = `/${database}`;
  return next.toString();
}

// Another process (a parallel jest worker, a second stack) may create the role between our check and our CREATE.
const ALREADY_THERE = new Set(['42710', '23505']);

async function createRole(client, role, attributes) {
  const { rows } = await client.query('select 1 from pg_catalog.pg_roles where rolname = $1', [role.name]);
  if (rows.length === 0) {
    try {
      await client.query(`create role "${role.name}" login password '${role.password}' ${attributes}`);
    } catch (error) {
      if (!ALREADY_THERE.has(error.code)) throw error;
    }
  }
  // Also for a role left by an older checkout: these are the attributes RLS relies on.
  await client.query(`alter role "${role.name}" login password '${role.password}' ${attributes}`);
}

/**
 * LIKE/ILIKE, array and jsonb containment as LEAKPROOF, so searches keep their indexes under row-level security — the
 * list and the reasoning are LEAKPROOF_SEARCH_FUNCTIONS in libs/platform/persistence/src/lib/row-level-security.ts.
 */
const LEAKPROOF_SEARCH_FUNCTIONS = ['textlike(text, text)', 'texticlike(text, text)', 'arrayoverlap(anyarray, anyarray)', 'arraycontains(anyarray, anyarray)', 'jsonb_contains(jsonb, jsonb)'];

async function markSearchFunctionsLeakproof(adminUrl, database) {
  const { Client } = require('pg');
  const url = new URL(adminUrl);
  if (database) url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const signature of LEAKPROOF_SEARCH_FUNCTIONS) await client.query(`alter function pg_catalog.${signature} leakproof`);
  } finally {
    await client.end();
  }
}

/**
 * Creates (or corrects) the owner and application roles on the server of `adminUrl` (a superuser), and marks the
 * search functions leakproof in template1, so every database created afterwards (each test's) has them so.
 */
async function ensureLocalRoles(adminUrl) {
  await withRolesLock(adminUrl, async (client) => {
    await createRole(client, LOCAL_ROLES.owner, 'nosuperuser nocreatedb nocreaterole nobypassrls');
    await createRole(client, LOCAL_ROLES.application, 'nosuperuser nocreatedb nocreaterole nobypassrls noinherit');
    await markSearchFunctionsLeakproof(adminUrl, 'template1');
  });
  return LOCAL_ROLES;
}

/**
 * Runs `work` holding a session advisory lock on the server of `adminUrl`: parallel jest projects each run the global
 * setup, and two `alter role` or `alter function` on the same catalog row at once fail with "tuple concurrently updated".
 */
async function withRolesLock(adminUrl, work) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('tsunagu_local_roles'))`);
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Hands the database of `adminUrl` to the owner role — including schemas, tables, sequences and functions an older
 * local stack created as the superuser — so migrations can run as the owner. Returns the two URLs the services get.
 */
async function prepareLocalDatabase(adminUrl) {
  const { Client } = require('pg');
  const roles = await ensureLocalRoles(adminUrl);
  const database = decodeURIComponent(new URL(adminUrl).pathname.slice(1));
  await withRolesLock(adminUrl, () => markSearchFunctionsLeakproof(adminUrl, database));
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  const owner = `"${roles.owner.name}"`;
  try {
    await client.query(`alter database "${database}" owner to ${owner}`);
    await client.query(`grant connect on database "${database}" to "${roles.application.name}"`);
    const schemas = await client.query(
      `select nspname from pg_catalog.pg_namespace where nspname !~ '^pg_' and nspname not in ('information_schema', 'public') and nspowner <> $1::regrole`,
      [roles.owner.name],
    );
    for (const { nspname } of schemas.rows) await client.query(`alter schema "${nspname}" owner to ${owner}`);
    // Tables and views first; a serial's sequence follows its table and refuses a direct change.
    const relations = await client.query(
      `select n.nspname, c.relname, c.relkind from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname !~ '^pg_' and n.nspname not in ('information_schema', 'public') and c.relkind in ('r', 'p', 'v', 'm', 'S') and c.relowner <> $1::regrole
          and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i'))
        order by c.relkind = 'S'`,
      [roles.owner.name],
    );
    for (const { nspname, relname, relkind } of relations.rows) {
      const kind = relkind === 'S' ? 'sequence' : relkind === 'v' ? 'view' : relkind === 'm' ? 'materialized view' : 'table';
      await client.query(`alter ${kind} "${nspname}"."${relname}" owner to ${owner}`);
    }
    const functions = await client.query(
      `select p.oid::regprocedure::text as signature from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
        where n.nspname !~ '^pg_' and n.nspname not in ('information_schema', 'public') and p.proowner <> $1::regrole
          and not exists (select 1 from pg_catalog.pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`,
      [roles.owner.name],
    );
    for (const { signature } of functions.rows) await client.query(`alter function ${signature} owner to ${owner}`);
  } finally {
    await client.end();
  }
  return {
    DATABASE_URL: withRole(adminUrl, roles.application),
    DATABASE_MIGRATION_URL: withRole(adminUrl, roles.owner),
  };
}

module.exports = { LOCAL_ROLES, withRole, ensureLocalRoles, prepareLocalDatabase };
