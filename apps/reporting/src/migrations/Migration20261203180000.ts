import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level security as the second line of tenant isolation (ADR 0012): every table of the schema with a
 * `municipality` column gets ENABLE + FORCE ROW LEVEL SECURITY and the `tenant_isolation` policy on the session's
 * app.municipality / app.system. A later migration that adds such a table runs the same statement again (written out).
 */
export class Migration20261203180000 extends Migration {
  override async up(): Promise<void> {
    // Frozen output of rowLevelSecuritySql('reporting') when this migration was written: a migration never changes with the helper.
    this.addSql(`do $rls$
declare
  tenant_table record;
begin
  for tenant_table in
    select c.relname, not a.attnotnull as nullable
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = 'municipality' and not a.attisdropped
     where n.nspname = 'reporting' and c.relkind in ('r', 'p')
  loop
    execute format('alter table %I.%I enable row level security', 'reporting', tenant_table.relname);
    execute format('alter table %I.%I force row level security', 'reporting', tenant_table.relname);
    execute format('drop policy if exists tenant_isolation on %I.%I', 'reporting', tenant_table.relname);
    if tenant_table.nullable then
      execute format('create policy tenant_isolation on %I.%I using (%s) with check (%s)', 'reporting', tenant_table.relname, 'current_setting(''app.system'', true) = ''on'' or municipality = current_setting(''app.municipality'', true) or (municipality is null and current_setting(''app.municipality'', true) <> '''')', 'current_setting(''app.system'', true) = ''on'' or municipality = current_setting(''app.municipality'', true) or municipality is null');
    else
      execute format('create policy tenant_isolation on %I.%I using (%s) with check (%s)', 'reporting', tenant_table.relname, 'current_setting(''app.system'', true) = ''on'' or municipality = current_setting(''app.municipality'', true)', 'current_setting(''app.system'', true) = ''on'' or municipality = current_setting(''app.municipality'', true)');
    end if;
  end loop;
end
$rls$`);
  }

  override async down(): Promise<void> {
    // Frozen output of dropRowLevelSecuritySql('reporting') when this migration was written: a migration never changes with the helper.
    this.addSql(`do $rls$
declare
  tenant_table record;
begin
  for tenant_table in select tablename from pg_catalog.pg_policies where schemaname = 'reporting' and policyname = 'tenant_isolation' loop
    execute format('drop policy tenant_isolation on %I.%I', 'reporting', tenant_table.tablename);
    execute format('alter table %I.%I no force row level security', 'reporting', tenant_table.tablename);
    execute format('alter table %I.%I disable row level security', 'reporting', tenant_table.tablename);
  end loop;
end
$rls$`);
  }
}
