import { Migration } from '@mikro-orm/migrations';

/** Registry tables: municipalities, districts, area mappings, organisations, resources, coordinators, councils. */
export class Migration20261126151859 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "registry";`);
    // Trigram indexes make the Japanese text search (LIKE '%term%' on normalised text) fast; pg_trgm is a
    // trusted extension, so the database owner can create it without superuser rights.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create table "registry"."district" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "short_name" varchar(50) not null, "official_name" varchar(100) not null, "kana" varchar(100) not null, "sort_order" int not null, "area_group" varchar(30) not null default 'honcho', "office" jsonb null, "is_island" boolean not null default false, "search_text" text not null default '', constraint "district_pkey" primary key ("id"));`);
    this.addSql(`create index "district_municipality_index" on "registry"."district" ("municipality");`);
    this.addSql(`create index "district_search_text_trgm" on "registry"."district" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`alter table "registry"."district" add constraint "district_municipality_short_name_unique" unique ("municipality", "short_name");`);

    this.addSql(`create table "registry"."council" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "layer" smallint not null, "name" varchar(200) not null, "district_id" uuid null, "established_on" date null, "members" jsonb not null, "status" varchar(20) not null default 'preparing', constraint "council_pkey" primary key ("id"));`);
    this.addSql(`create index "council_municipality_index" on "registry"."council" ("municipality");`);
    this.addSql(`create index "council_municipality_layer_index" on "registry"."council" ("municipality", "layer");`);

    this.addSql(`create table "registry"."council_meeting" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "council_id" uuid not null, "held_on" date not null, "participants_count" int null, "issues_raised" jsonb not null, "actions_agreed" jsonb not null, constraint "council_meeting_pkey" primary key ("id"));`);
    this.addSql(`create index "council_meeting_municipality_index" on "registry"."council_meeting" ("municipality");`);
    this.addSql(`create index "council_meeting_council_id_held_on_index" on "registry"."council_meeting" ("council_id", "held_on");`);

    this.addSql(`create table "registry"."area_mapping" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "machiaza_code" varchar(20) not null, "machiaza_name" varchar(100) not null, "banchi_from" int null, "banchi_to" int null, "district_id" uuid not null, "valid_from" date not null, "valid_to" date null, constraint "area_mapping_pkey" primary key ("id"));`);
    this.addSql(`create index "area_mapping_municipality_index" on "registry"."area_mapping" ("municipality");`);
    this.addSql(`create index "area_mapping_municipality_machiaza_code_index" on "registry"."area_mapping" ("municipality", "machiaza_code");`);

    this.addSql(`create table "registry"."municipality" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "lg_code" varchar(6) not null, "name" varchar(100) not null, "prefecture" varchar(10) null, "fiscal_year_start" varchar(5) not null default '04-01', "jusou_enabled" boolean not null default true, "support_meeting_106_6_enabled" boolean not null default true, constraint "municipality_pkey" primary key ("id"));`);
    this.addSql(`create index "municipality_municipality_index" on "registry"."municipality" ("municipality");`);
    this.addSql(`alter table "registry"."municipality" add constraint "municipality_lg_code_unique" unique ("lg_code");`);

    this.addSql(`create table "registry"."organization" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "name" varchar(200) not null, "kana" varchar(200) not null default '', "type" varchar(40) not null, "fields" text[] not null, "jusou_roles" text[] not null, "operation" varchar(20) null, "is_appi_private_operator" boolean not null default false, "district_ids" text[] not null, "contact" jsonb null, "description" text null, "archived" boolean not null default false, "search_text" text not null default '', constraint "organization_pkey" primary key ("id"));`);
    this.addSql(`create index "organization_municipality_index" on "registry"."organization" ("municipality");`);
    this.addSql(`create index "organization_search_text_trgm" on "registry"."organization" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "organization_municipality_type_index" on "registry"."organization" ("municipality", "type");`);

    this.addSql(`create table "registry"."coordinator" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "staff_display_name" varchar(100) not null, "staff_subject" varchar(200) null, "layer" smallint not null, "district_ids" text[] not null, "employer_organization_id" uuid null, "assigned_from" date not null, "assigned_to" date null, constraint "coordinator_pkey" primary key ("id"));`);
    this.addSql(`create index "coordinator_municipality_index" on "registry"."coordinator" ("municipality");`);
    this.addSql(`create index "coordinator_municipality_layer_index" on "registry"."coordinator" ("municipality", "layer");`);

    this.addSql(`create table "registry"."community_resource" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "name" varchar(200) not null, "kana" varchar(200) not null default '', "description" text null, "organization_id" uuid null, "district_ids" text[] not null, "category" varchar(40) not null, "insurance_scheme" varchar(40) not null, "activities" text[] not null, "eligibility" varchar(40) not null default 'anyone', "schedule_frequency" varchar(10) null, "schedule_weekdays" text[] not null, "schedule_opens_at" varchar(5) null, "schedule_closes_at" varchar(5) null, "schedule_note" text null, "capacity" int null, "fee" varchar(200) null, "contact" jsonb null, "public" boolean not null default false, "last_verified_on" date null, "status" varchar(20) not null default 'preparing', "search_text" text not null default '', constraint "community_resource_pkey" primary key ("id"));`);
    this.addSql(`create index "community_resource_municipality_index" on "registry"."community_resource" ("municipality");`);
    this.addSql(`create index "community_resource_search_text_trgm" on "registry"."community_resource" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "community_resource_district_ids_gin" on "registry"."community_resource" using gin ("district_ids");`);
    this.addSql(`create index "community_resource_municipality_status_public_index" on "registry"."community_resource" ("municipality", "status", "public");`);

    this.addSql(`alter table "registry"."council" add constraint "council_district_id_foreign" foreign key ("district_id") references "registry"."district" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "registry"."council_meeting" add constraint "council_meeting_council_id_foreign" foreign key ("council_id") references "registry"."council" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "registry"."area_mapping" add constraint "area_mapping_district_id_foreign" foreign key ("district_id") references "registry"."district" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "registry"."coordinator" add constraint "coordinator_employer_organization_id_foreign" foreign key ("employer_organization_id") references "registry"."organization" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "registry"."community_resource" add constraint "community_resource_organization_id_foreign" foreign key ("organization_id") references "registry"."organization" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "registry"."council" drop constraint "council_district_id_foreign";`);

    this.addSql(`alter table "registry"."area_mapping" drop constraint "area_mapping_district_id_foreign";`);

    this.addSql(`alter table "registry"."council_meeting" drop constraint "council_meeting_council_id_foreign";`);

    this.addSql(`alter table "registry"."coordinator" drop constraint "coordinator_employer_organization_id_foreign";`);

    this.addSql(`alter table "registry"."community_resource" drop constraint "community_resource_organization_id_foreign";`);

    this.addSql(`drop table if exists "registry"."district" cascade;`);

    this.addSql(`drop table if exists "registry"."council" cascade;`);

    this.addSql(`drop table if exists "registry"."council_meeting" cascade;`);

    this.addSql(`drop table if exists "registry"."area_mapping" cascade;`);

    this.addSql(`drop table if exists "registry"."municipality" cascade;`);

    this.addSql(`drop table if exists "registry"."organization" cascade;`);

    this.addSql(`drop table if exists "registry"."coordinator" cascade;`);

    this.addSql(`drop table if exists "registry"."community_resource" cascade;`);

    this.addSql(`drop schema if exists "registry";`);
  }

}
