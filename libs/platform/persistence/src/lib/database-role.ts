/** What the connected role may do that would switch row-level security off for it (ADR 0012). */
export interface DatabaseRoleFacts {
  role: string;
  superuser: boolean;
  bypassRls: boolean;
  /** Tables of the service's schema the role owns (an owner may disable RLS or drop the policy). */
  ownedTables: number;
  /** LEAKPROOF_SEARCH_FUNCTIONS not marked leakproof in this database: searches then cannot use their indexes under RLS. */
  notLeakproof: string[];
}

/** The query behind inspectDatabaseRole, one row; `$1` is the service's schema. */
export const DATABASE_ROLE_SQL = `select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypass_rls,
  (select count(*)::int from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = $1 and c.relkind in ('r', 'p') and pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE')) as owned_tables,
  (select coalesce(array_agg(p.oid::regprocedure::text order by 1), '{}') from pg_catalog.pg_proc p
    where p.oid = any($2::regprocedure[]) and not p.proleakproof) as not_leakproof
  from pg_catalog.pg_roles r where r.rolname = current_user`;

export function databaseRoleFacts(row: Record<string, unknown>): DatabaseRoleFacts {
  return {
    role: String(row['role']),
    superuser: row['superuser'] === true,
    bypassRls: row['bypass_rls'] === true,
    ownedTables: Number(row['owned_tables'] ?? 0),
    notLeakproof: (row['not_leakproof'] as string[] | null) ?? [],
  };
}

/** Why row-level security does not hold the role back, or undefined when it does. */
export function rowLevelSecurityGap(facts: DatabaseRoleFacts): string | undefined {
  const reasons = [
    facts.superuser ? 'is a superuser' : undefined,
    facts.bypassRls ? 'has BYPASSRLS' : undefined,
    facts.ownedTables > 0 ? `owns (or is a member of the owner of) ${facts.ownedTables} tables of the schema` : undefined,
  ].filter((reason): reason is string => reason !== undefined);
  return reasons.length > 0 ? `the database role ${facts.role} ${reasons.join(', ')}` : undefined;
}
