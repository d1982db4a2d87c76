import { Migration } from '@mikro-orm/migrations';

/**
 * 受付番号 unique in the municipality (issue 13): four desks each numbered `R7-000001`. Every receiving desk gets a
 * desk number (in the order of its first reception) that goes into the number, `R7-003-000001`; the sequence stays
 * per desk and 年度. Numbers already given keep their sequence and gain their desk's number, so a number written on
 * paper is still found by its last six digits. A unique index proves uniqueness.
 */
export class Migration20261203140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "intake"."reception_counter" add column "desk_no" int;`);
    this.addSql(`with desks as (
        select municipality, receiving_organization_id as organization_id,
          row_number() over (partition by municipality order by min(received_at), receiving_organization_id) as desk_no
        from "intake"."consultation" group by municipality, receiving_organization_id),
      counters as (
        select c.municipality, c.organization_id,
          coalesce(d.desk_no, (select count(*) from desks where desks.municipality = c.municipality)
            + row_number() over (partition by c.municipality, d.desk_no is null order by c.organization_id)) as desk_no
        from (select distinct municipality, organization_id from "intake"."reception_counter") c
        left join desks d on d.municipality = c.municipality and d.organization_id = c.organization_id)
      update "intake"."reception_counter" r set desk_no = counters.desk_no from counters
      where r.municipality = counters.municipality and r.organization_id = counters.organization_id;`);
    this.addSql(`alter table "intake"."reception_counter" alter column "desk_no" set not null;`);
    this.addSql(`alter table "intake"."reception_counter" add constraint "reception_counter_desk_no_unique" unique ("municipality", "fiscal_year", "desk_no");`);
    this.addSql(`update "intake"."consultation" c
      set reception_no = regexp_replace(c.reception_no, '^([A-Z][0-9]+)-', '\\1-' || lpad(r.desk_no::text, 3, '0') || '-'),
        search_text = lower(regexp_replace(c.reception_no, '^([A-Z][0-9]+)-', '\\1-' || lpad(r.desk_no::text, 3, '0') || '-')) || substr(c.search_text, length(c.reception_no) + 1)
      from "intake"."reception_counter" r
      where r.municipality = c.municipality and r.organization_id = c.receiving_organization_id and r.fiscal_year = c.fiscal_year and c.reception_no ~ '^[A-Z][0-9]+-[0-9]{6}$';`);
    this.addSql(`alter table "intake"."consultation" add constraint "consultation_municipality_reception_no_unique" unique ("municipality", "reception_no");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "intake"."consultation" drop constraint "consultation_municipality_reception_no_unique";`);
    this.addSql(`update "intake"."consultation" set reception_no = regexp_replace(reception_no, '^([A-Z][0-9]+)-[0-9]{3}-', '\\1-'),
      search_text = lower(regexp_replace(reception_no, '^([A-Z][0-9]+)-[0-9]{3}-', '\\1-')) || substr(search_text, length(reception_no) + 1);`);
    this.addSql(`alter table "intake"."reception_counter" drop constraint "reception_counter_desk_no_unique";`);
    this.addSql(`alter table "intake"."reception_counter" drop column "desk_no";`);
  }
}
