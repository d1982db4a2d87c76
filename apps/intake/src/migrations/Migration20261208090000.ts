import { Migration } from '@mikro-orm/migrations';

const TENANT = `current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)`;
const UUID = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;

/** A case (alias `kase`) about the person `p`: the key person, or a member of the case's household. */
const caseAbout = (kase: string) =>
  `(${kase}.key_person_id = p.id or exists (select 1 from "intake"."household" ch where ch.id = ${kase}.household_id and ch.members @> jsonb_build_array(jsonb_build_object('personId', p.id::text))))`;

/** The members of the households whose ids `householdIds` (SQL) selects. */
const membersOfHouseholds = (householdIds: string) => `select "intake".member_ids(h.members) from "intake"."household" h where h.id in (${householdIds})`;

/**
 * Which persons a statement's changed rows concern, per table: `persons(from)` is SQL over `from`, the changed rows
 * aliased `r` (a transition table, or an update's rows whose relationship `columns` changed).
 */
const SOURCES: { table: string; columns: string[]; persons: (from: string) => string; events: ('insert' | 'update' | 'delete')[] }[] = [
  // The desk that registered the person; a deleted person takes its rows with it (on delete cascade).
  { table: 'person', columns: ['registered_by_organization'], persons: (from) => `select r.id from ${from}`, events: ['insert', 'update'] },
  { table: 'consultation', columns: ['person_id', 'receiving_organization_id', 'status'], persons: (from) => `select r.person_id from ${from}`, events: ['insert', 'update', 'delete'] },
  {
    table: 'referral',
    columns: ['person_id', 'from_organization_id', 'to_organization_id', 'status', 'consent_id'],
    persons: (from) => `select r.person_id from ${from}`,
    events: ['insert', 'update', 'delete'],
  },
  // A referral to a desk rests on its consent: withdrawing the consent closes the person to that desk.
  {
    table: 'consent',
    columns: ['status', 'withdrawn_at'],
    persons: (from) => `select rr.person_id from "intake"."referral" rr where rr.consent_id in (select r.id from ${from})`,
    events: ['update', 'delete'],
  },
  {
    table: 'multi_agency_case',
    columns: ['status', 'coordinator_organization_id', 'lead_organization_id', 'member_organization_ids', 'key_person_id', 'household_id'],
    persons: (from) => `select r.key_person_id from ${from} union all ${membersOfHouseholds(`select r.household_id from ${from}`)}`,
    events: ['insert', 'update', 'delete'],
  },
  // Members join and leave a household that a case is about: the members of the row before and after the change.
  {
    table: 'household',
    columns: ['members'],
    persons: (from) => `select "intake".member_ids(r.members) from ${from}`,
    events: ['update', 'delete'],
  },
  {
    table: 'meeting',
    columns: ['status', 'convener_organization_id', 'attendees', 'cases'],
    persons: (from) =>
      `select mc.key_person_id from "intake"."multi_agency_case" mc where mc.id in (select "intake".meeting_case_ids(r.cases) from ${from})` +
      ` union all ${membersOfHouseholds(`select mc.household_id from "intake"."multi_agency_case" mc where mc.id in (select "intake".meeting_case_ids(r.cases) from ${from})`)}`,
    events: ['insert', 'update', 'delete'],
  },
];

/** An update's rows, before (`o`) or after (`n`), whose relationship columns changed, aliased `r`. */
const changed = (columns: string[], side: 'o' | 'n') =>
  `(select ${side}.* from old_rows o join new_rows n on n.id = o.id where (${columns.map((c) => `o.${c}`).join(', ')}) is distinct from (${columns.map((c) => `n.${c}`).join(', ')})) r`;

function triggerFunction({ table, columns, persons }: (typeof SOURCES)[number]): string {
  const updated = `${persons(changed(columns, 'o'))} union all ${persons(changed(columns, 'n'))}`;
  return `create function "intake"."person_desks_on_${table}"() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    perform "intake".refresh_person_desks(array(${persons('new_rows r')}));
  elsif tg_op = 'UPDATE' then
    perform "intake".refresh_person_desks(array(${updated}));
  else
    perform "intake".refresh_person_desks(array(${persons('old_rows r')}));
  end if;
  return null;
end
$fn$;`;
}

function triggers({ table, events }: (typeof SOURCES)[number]): string[] {
  const referencing = { insert: 'referencing new table as new_rows', update: 'referencing old table as old_rows new table as new_rows', delete: 'referencing old table as old_rows' };
  return events.map(
    (event) =>
      `create trigger "person_desks_${event}" after ${event} on "intake"."${table}" ${referencing[event]} for each statement execute function "intake"."person_desks_on_${table}"();`,
  );
}

/**
 * The desks each person is visible to (issue 14, ADR 0020): the relationships of docs/security/access-model.md kept as
 * rows by triggers in the same transaction as the change, so a query filters people by one index lookup instead of
 * PostgreSQL planning five `exists` over seven tables on every statement. The relationships are written down once,
 * in `refresh_person_desks`; the triggers only say whose rows a change touches. The caller's own emergency access
 * stays a predicate of its own (it expires with time, not with a write).
 */
export class Migration20261208090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "intake"."person_desk" ("person_id" uuid not null references "intake"."person" ("id") on delete cascade, "organization_id" uuid not null, "municipality" varchar(6) not null, constraint "person_desk_pkey" primary key ("person_id", "organization_id"));`,
    );
    this.addSql(`create index "person_desk_organization_person_index" on "intake"."person_desk" ("organization_id", "person_id");`);
    this.addSql(`alter table "intake"."person_desk" enable row level security;`);
    this.addSql(`alter table "intake"."person_desk" force row level security;`);
    this.addSql(`create policy tenant_isolation on "intake"."person_desk" using (${TENANT}) with check (${TENANT});`);

    // A household's member ids, from its `members` (of the table, or of a row before or after a change).
    this.addSql(`create function "intake".member_ids(members jsonb) returns setof uuid language sql immutable as $fn$
  select (m->>'personId')::uuid from jsonb_array_elements(members) m where m->>'personId' ~ ${UUID}
$fn$;`);
    this.addSql(`create function "intake".meeting_case_ids(cases jsonb) returns setof uuid language sql immutable as $fn$
  select (c->>'caseId')::uuid from jsonb_array_elements(cases) c where c->>'caseId' ~ ${UUID}
$fn$;`);
    // The one place the relationships of docs/security/access-model.md are written down.
    this.addSql(`create function "intake".refresh_person_desks(person_ids uuid[]) returns void language plpgsql as $fn$
begin
  person_ids := array(select distinct id from unnest(person_ids) id where id is not null);
  if cardinality(person_ids) = 0 then
    return;
  end if;
  -- One refresh of a person at a time: a later one waits for the earlier one's commit, then reads what it committed.
  perform 1 from "intake"."person" where id = any(person_ids) order by id for no key update;
  delete from "intake"."person_desk" where person_id = any(person_ids);
  insert into "intake"."person_desk" (person_id, organization_id, municipality)
  select distinct p.id, desk.organization_id, p.municipality
    from "intake"."person" p
   cross join lateral (
     select p.registered_by_organization
     union all
     select rc.receiving_organization_id from "intake"."consultation" rc
      where rc.municipality = p.municipality and rc.person_id = p.id and rc.status <> 'cancelled'
     union all
     select rr.from_organization_id from "intake"."referral" rr
      where rr.municipality = p.municipality and rr.person_id = p.id
     union all
     select rr.to_organization_id from "intake"."referral" rr
      where rr.municipality = p.municipality and rr.person_id = p.id and rr.status <> 'declined'
        and (rr.consent_id is null or exists (select 1 from "intake"."consent" rk where rk.id = rr.consent_id and rk.status = 'obtained' and rk.withdrawn_at is null))
     union all
     select o.id from "intake"."multi_agency_case" mc
      cross join lateral (
        select mc.coordinator_organization_id union all select mc.lead_organization_id
        union all select m::uuid from unnest(mc.member_organization_ids) m where m ~ ${UUID}) o(id)
      where mc.municipality = p.municipality and mc.status <> 'closed' and ${caseAbout('mc')}
     union all
     select o.id from "intake"."meeting" mt
       join "intake"."multi_agency_case" mtc on mt.cases @> jsonb_build_array(jsonb_build_object('caseId', mtc.id::text))
      cross join lateral (
        select mt.convener_organization_id
        union all select (a->>'organizationId')::uuid from jsonb_array_elements(mt.attendees) a where a->>'organizationId' ~ ${UUID}) o(id)
      where mt.municipality = p.municipality and mt.status <> 'cancelled' and ${caseAbout('mtc')}
   ) desk(organization_id)
   where p.id = any(person_ids) and desk.organization_id is not null;
end
$fn$;`);
    for (const source of SOURCES) {
      this.addSql(triggerFunction(source));
      for (const statement of triggers(source)) this.addSql(statement);
    }
    // Every person already recorded, as system work (all municipalities).
    this.addSql(`select set_config('app.system', 'on', true);`);
    this.addSql(`select "intake".refresh_person_desks(array(select id from "intake"."person"));`);
  }

  override async down(): Promise<void> {
    for (const { table } of SOURCES) this.addSql(`drop function if exists "intake"."person_desks_on_${table}"() cascade;`);
    this.addSql(`drop function if exists "intake".refresh_person_desks(uuid[]);`);
    this.addSql(`drop function if exists "intake".meeting_case_ids(jsonb);`);
    this.addSql(`drop function if exists "intake".member_ids(jsonb);`);
    this.addSql(`drop table if exists "intake"."person_desk" cascade;`);
  }
}
