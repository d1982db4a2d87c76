import { Migration } from '@mikro-orm/migrations';

/**
 * A resource's districts must exist in its municipality, checked by the row itself (ADR 0026): the create sends the
 * check with its COMMIT instead of a round trip before it. An array cannot carry a foreign key, so a trigger refuses
 * the row as a foreign-key violation naming the column, the unknown ids in its detail. It compares municipalities
 * itself: a foreign key's check would pass row-level security, this one must not. A deferred check reads the row as it
 * was inserted or updated: a later change of the same row in the transaction is checked by its own event.
 */
export class Migration20261209100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function "registry".community_resource_districts_known() returns trigger language plpgsql as $$
declare
  unknown text[];
begin
  select array_agg(distinct given order by given) into unknown
    from unnest(new.district_ids) as given
   where not exists (
     select 1 from "registry".district d
      where d.municipality = new.municipality
        and d.id = case when given ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then given::uuid end);
  if unknown is not null then
    raise exception 'unknown district id(s)' using errcode = 'foreign_key_violation', constraint = 'community_resource_district_ids_known',
      schema = 'registry', table = 'community_resource', column = 'district_ids', detail = array_to_string(unknown, ', ');
  end if;
  return null;
end
$$;`);
    // Deferred to the COMMIT, as a foreign key checked there: a unit of work may insert a resource before the districts it
    // names in the same flush (the demo data, an HSDS import into an empty municipality).
    this.addSql(`create constraint trigger community_resource_districts_known after insert or update of district_ids on "registry".community_resource
  deferrable initially deferred for each row execute function "registry".community_resource_districts_known();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists community_resource_districts_known on "registry".community_resource;`);
    this.addSql(`drop function if exists "registry".community_resource_districts_known();`);
  }
}
