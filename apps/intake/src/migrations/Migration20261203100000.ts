import { Migration } from '@mikro-orm/migrations';

/**
 * 守秘義務の確認 per attending person (社福法106条の6第5項) instead of a timestamp inside the attendee list.
 * Acknowledgements already in the list move over as entered by the secretariat (method paper, recorded by
 * "migration"); the list keeps only who attends.
 */
export class Migration20261203100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "intake"."meeting_acknowledgement" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "meeting_id" uuid not null, "attendee_key" varchar(400) not null, "organization_id" uuid not null, "staff_subject" varchar(200) null, "attendee_name" varchar(100) not null, "acknowledged_at" timestamptz not null, "method" varchar(10) not null, "recorded_by" varchar(200) not null, constraint "meeting_acknowledgement_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "meeting_acknowledgement_municipality_index" on "intake"."meeting_acknowledgement" ("municipality");`);
    this.addSql(`create index "meeting_acknowledgement_municipality_meeting_id_index" on "intake"."meeting_acknowledgement" ("municipality", "meeting_id");`);
    this.addSql(
      `alter table "intake"."meeting_acknowledgement" add constraint "meeting_acknowledgement_meeting_id_attendee_key_unique" unique ("meeting_id", "attendee_key");`,
    );
    this.addSql(
      `insert into "intake"."meeting_acknowledgement" ("id", "municipality", "meeting_id", "attendee_key", "organization_id", "staff_subject", "attendee_name", "acknowledged_at", "method", "recorded_by")
       select distinct on (m."id", key) gen_random_uuid(), m."municipality", m."id", key, (a->>'organizationId')::uuid, nullif(a->>'staffSubject', ''), a->>'name', (a->>'confidentialityAckAt')::timestamptz, 'paper', 'migration'
       from "intake"."meeting" m
       cross join lateral jsonb_array_elements(m."attendees") a
       cross join lateral (select case when coalesce(a->>'staffSubject', '') <> '' then (a->>'organizationId') || '|sub:' || (a->>'staffSubject') else (a->>'organizationId') || '|name:' || (a->>'name') end as key) k
       where a->>'confidentialityAckAt' is not null;`,
    );
    this.addSql(
      `update "intake"."meeting" set "attendees" = (select coalesce(jsonb_agg(a - 'confidentialityAckAt'), '[]'::jsonb) from jsonb_array_elements("attendees") a) where "attendees"::text like '%confidentialityAckAt%';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "intake"."meeting_acknowledgement" cascade;`);
  }
}
