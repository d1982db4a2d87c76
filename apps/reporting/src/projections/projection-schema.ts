/*
 * Projection tables, written with plain SQL so the same definition creates the live set (schema
 * `reporting`, by migration) and a shadow set (schema `reporting_rebuild`, by `main.js rebuild`).
 * They hold ids, codes, dates and flags only — never names, addresses or free text — because every
 * column comes from an event payload, and events carry no personal data (ARCHITECTURE §2).
 */

export const LIVE_SCHEMA = 'reporting';
export const SHADOW_SCHEMA = 'reporting_rebuild';

/** Projection tables, in creation order (the swap moves exactly these). */
export const PROJECTION_TABLES = [
  'projected_event',
  'district',
  'resource_fact',
  'household',
  'consultation',
  'referral',
  'multi_agency_case',
  'support_plan',
  'meeting',
  'outreach_target',
  'outreach_contact',
  'outreach_alert',
  'participation_need',
  'participation_host',
  'participation_match',
  'participation_follow_up',
  'menu_gap',
  'mandatory_report',
  'evaluation',
  'progress_record',
  'council',
  'council_meeting',
  'coordinator',
  'consultation_tally',
  'consultation_pseudonym_month',
  'consultation_headcount',
] as const;

function assertSchema(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
}

/** DDL of one projection set in `schema` (the schema must exist): every table, for the rebuild's shadow set. */
export function projectionDdl(schema: string): string[] {
  return [
    ...coreProjectionDdl(schema),
    ...caseProjectionDdl(schema),
    ...districtNameDdl(schema),
    ...consultationDistrictDdl(schema),
    ...outreachProjectionDdl(schema),
    ...participationProjectionDdl(schema),
    ...districtWithheldDdl(schema),
    ...jigyoDdl(schema),
    ...recordCountsDdl(schema),
    ...communityWorkDdl(schema),
    ...needDistrictWithheldDdl(schema),
    ...consultationTallyDdl(schema),
  ];
}

/**
 * Tables of the first migration (Migration20261127090000). Frozen: a committed migration runs this, so a
 * change to these tables needs a new function and a new migration, as caseProjectionDdl did.
 */
export function coreProjectionDdl(schema: string): string[] {
  assertSchema(schema);
  const t = (name: string) => `"${schema}"."${name}"`;
  return [
    // The set's own record of applied events: replays and redeliveries are no-ops even without the inbox.
    `create table ${t('projected_event')} (event_id uuid primary key, municipality varchar(6) not null, subject varchar(200) not null, occurred_at timestamptz not null)`,
    `create table ${t('district')} (district_id uuid primary key, municipality varchar(6) not null, sort_order int not null, is_island boolean not null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create index on ${t('district')} (municipality, sort_order)`,
    // One row per resource event: the state "as of a date" is the latest fact before it, whatever order events arrived in.
    `create table ${t('resource_fact')} (event_id uuid primary key, municipality varchar(6) not null, resource_id uuid not null, occurred_at timestamptz not null, status varchar(20) not null, category varchar(40) not null, insurance_scheme varchar(40) not null, public boolean not null, district_ids uuid[] not null)`,
    `create index on ${t('resource_fact')} (municipality, resource_id, occurred_at desc, event_id desc)`,
    `create table ${t('household')} (household_id uuid primary key, municipality varchar(6) not null, district_id uuid null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create table ${t('consultation')} (consultation_id uuid primary key, municipality varchar(6) not null, fiscal_year int not null, received_on date null, receiving_organization_id uuid not null, household_id uuid null, route varchar(40) not null, primary_category varchar(40) not null, categories text[] not null, issue_tags text[] not null, status varchar(40) not null, disposition varchar(40) null, cancelled boolean not null default false, state_at timestamptz not null, state_event_id uuid not null)`,
    `create index on ${t('consultation')} (municipality, fiscal_year, received_on)`,
    `create index on ${t('consultation')} (household_id)`,
    `create table ${t('referral')} (referral_id uuid primary key, municipality varchar(6) not null, consultation_id uuid not null, from_organization_id uuid not null, to_organization_id uuid not null, info_basis varchar(40) not null, status varchar(20) not null, follow_up_due date not null, requested_at timestamptz null, accepted_at timestamptz null, declined_at timestamptz null, completed_at timestamptz null, failed_at timestamptz null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create index on ${t('referral')} (municipality, requested_at)`,
  ];
}

/**
 * 多機関協働 cases, support plans and meetings (Migration20261128090000; frozen likewise). Ids, codes, dates,
 * flags and organisation ids only: the case number, plan text, notes and minutes never travel on the bus.
 */
export function caseProjectionDdl(schema: string): string[] {
  assertSchema(schema);
  const t = (name: string) => `"${schema}"."${name}"`;
  return [
    // opened_at / support_decided_on / closed_at place a case in a 年度, opened_track is the track it began on
    // (潜在 cases open on the 支援会議 track); the rest is its latest state.
    `create table ${t('multi_agency_case')} (case_id uuid primary key, municipality varchar(6) not null, household_id uuid not null, track varchar(20) not null, status varchar(20) not null, coordinator_organization_id uuid not null, lead_organization_id uuid null, member_organization_ids uuid[] not null, support_decided_on date null, closure_reason varchar(40) null, opened_at timestamptz null, opened_track varchar(20) null, closed_at timestamptz null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create index on ${t('multi_agency_case')} (municipality, opened_at)`,
    `create table ${t('support_plan')} (plan_id uuid primary key, municipality varchar(6) not null, case_id uuid not null, plan_version int not null, status varchar(20) not null, uses_participation_support boolean not null, uses_outreach boolean not null, drafted_at timestamptz null, approved_at timestamptz null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create index on ${t('support_plan')} (municipality, case_id)`,
    `create table ${t('meeting')} (meeting_id uuid primary key, municipality varchar(6) not null, legal_type varchar(40) not null, status varchar(20) not null, convener_organization_id uuid not null, held_on date not null, case_ids uuid[] not null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create index on ${t('meeting')} (municipality, held_on)`,
  ];
}

/** 地区名 and reading on the district table (Migration20261128110000; frozen likewise). */
export function districtNameDdl(schema: string): string[] {
  assertSchema(schema);
  return [`alter table "${schema}"."district" add column short_name varchar(100) null, add column kana varchar(200) null`];
}

/**
 * The household's district copied onto each consultation (Migration20261128130000; frozen likewise), so the
 * by-district report groups one table instead of joining 1,000,000 consultations to their households. The
 * projector keeps it equal to household.district_id whichever of the two events arrives first.
 */
export function consultationDistrictDdl(schema: string): string[] {
  assertSchema(schema);
  return [`alter table "${schema}"."consultation" add column district_id uuid null`];
}

/**
 * Districts withheld for DV address protection (Migration20261203090000; frozen likewise): a household whose
 * district intake withholds (a member is protected: `districtWithheld` of its events, which then carry no district)
 * and its consultations' copy of that flag; outreach targets and menu gaps whose person is protected (the flag of
 * outreach's and matching's events). By-district outputs count them in a 「非公開」 row, never under a district.
 */
export function districtWithheldDdl(schema: string): string[] {
  assertSchema(schema);
  return ['household', 'consultation', 'outreach_target', 'menu_gap'].map((table) => `alter table "${schema}"."${table}" add column district_withheld boolean not null default false`);
}

/**
 * Per-事業 counting (Migration20261203100000; frozen likewise, issue 17): the 事業 a consultation is counted under
 * (jigyoAttribution), and the pseudonymous person key of consultations, outreach targets and participation needs
 * (a keyed hash the publishers stamp; never the person id) so 実人数 can be counted across them.
 */
export function jigyoDdl(schema: string): string[] {
  assertSchema(schema);
  const t = (name: string) => `"${schema}"."${name}"`;
  return [
    `alter table ${t('consultation')} add column jigyo_attribution varchar(40) null, add column pseudonym varchar(43) null`,
    `alter table ${t('outreach_target')} add column pseudonym varchar(43) null`,
    `alter table ${t('participation_need')} add column pseudonym varchar(43) null`,
  ];
}

/**
 * 通報, evaluations and progress notes as counts (Migration20261204100000; frozen likewise, issue 17): ids, codes and the
 * day each counts on — never the consultation, case or plan they belong to, and never a note's text (intake sends none).
 * A 通報 counts on the day it was raised and, once decided, on the day of the decision; a progress note on the day it was recorded.
 */
export function recordCountsDdl(schema: string): string[] {
  assertSchema(schema);
  const t = (name: string) => `"${schema}"."${name}"`;
  return [
    `create table ${t('mandatory_report')} (mandatory_report_id uuid primary key, municipality varchar(6) not null, law varchar(60) not null, issue_tag varchar(60) not null, status varchar(40) not null, raised_on date not null, decided_on date null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create index on ${t('mandatory_report')} (municipality, raised_on)`,
    `create table ${t('evaluation')} (evaluation_id uuid primary key, municipality varchar(6) not null, decision varchar(40) not null, evaluated_on date not null)`,
    `create index on ${t('evaluation')} (municipality, evaluated_on)`,
    `create table ${t('progress_record')} (progress_record_id uuid primary key, municipality varchar(6) not null, record_kind varchar(40) not null, legal_basis varchar(60) not null, author_organization_id uuid null, recorded_on date not null)`,
    `create index on ${t('progress_record')} (municipality, recorded_on)`,
  ];
}

/**
 * 地域づくり from the registry (Migration20261204110000; frozen likewise, issue 17): 協議体 (layer 1) and 地域福祉ネットワーク会議
 * (layer 2) with their meetings (the day and a head count; minutes stay in the registry), and 生活支援コーディネーター by layer
 * with their period in post — never the coordinator's name, which the events do not carry.
 */
export function communityWorkDdl(schema: string): string[] {
  assertSchema(schema);
  const t = (name: string) => `"${schema}"."${name}"`;
  return [
    `create table ${t('council')} (council_id uuid primary key, municipality varchar(6) not null, layer int not null, district_id uuid null, status varchar(40) not null, established_on date null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create table ${t('council_meeting')} (council_meeting_id uuid primary key, municipality varchar(6) not null, council_id uuid not null, district_id uuid null, held_on date not null, participants_count int null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create index on ${t('council_meeting')} (municipality, held_on)`,
    `create table ${t('coordinator')} (coordinator_id uuid primary key, municipality varchar(6) not null, layer int not null, district_ids uuid[] not null, employer_organization_id uuid null, assigned_from date not null, assigned_to date null, state_at timestamptz not null, state_event_id uuid not null)`,
  ];
}

/**
 * アウトリーチ (Migration20261201090000; frozen likewise): targets with their latest stage and the dates that
 * place them in a 年度 (registered, first connected, handed over, closed), one row per contact attempt, and
 * the inactivity alerts. Ids, codes and dates only — the outreach events carry no description of the person or place.
 */
export function outreachProjectionDdl(schema: string): string[] {
  assertSchema(schema);
  const t = (name: string) => `"${schema}"."${name}"`;
  return [
    `create table ${t('outreach_target')} (target_id uuid primary key, municipality varchar(6) not null, district_id uuid null, assigned_organization_id uuid not null, risk_level varchar(20) not null, discovery_route varchar(40) null, target_identity varchar(20) null, stage varchar(40) not null, registered_on date null, connected_on date null, handed_over_on date null, closed_on date null, close_reason varchar(40) null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create index on ${t('outreach_target')} (municipality, registered_on)`,
    `create table ${t('outreach_contact')} (contact_id uuid primary key, municipality varchar(6) not null, target_id uuid not null, district_id uuid null, contacted_on date not null, method varchar(40) not null, result varchar(40) not null, successful boolean not null)`,
    `create index on ${t('outreach_contact')} (municipality, contacted_on)`,
    `create table ${t('outreach_alert')} (alert_id uuid primary key, municipality varchar(6) not null, target_id uuid not null, district_id uuid null, raised_on date null, cleared_on date null)`,
    `create index on ${t('outreach_alert')} (municipality, raised_on)`,
  ];
}

/**
 * 参加支援 (Migration20261201090000; frozen likewise): needs, hosts, matches with the dates of each step,
 * follow-ups and menu gaps. The person a need belongs to is not kept: one need is one person supported.
 */
export function participationProjectionDdl(schema: string): string[] {
  assertSchema(schema);
  const t = (name: string) => `"${schema}"."${name}"`;
  return [
    `create table ${t('participation_need')} (need_id uuid primary key, municipality varchar(6) not null, case_id uuid null, district_id uuid null, purposes text[] not null, status varchar(40) not null, registered_on date not null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create index on ${t('participation_need')} (municipality, registered_on)`,
    `create table ${t('participation_host')} (host_id uuid primary key, municipality varchar(6) not null, organization_id uuid not null, host_types text[] not null, accepts text[] not null, agreement_status varchar(40) not null, district_ids uuid[] not null, registered_on date not null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create table ${t('participation_match')} (match_id uuid primary key, municipality varchar(6) not null, need_id uuid not null, source varchar(40) not null, resource_id uuid null, host_id uuid null, host_organization_id uuid null, purpose varchar(40) not null, district_id uuid null, status varchar(40) not null, end_reason varchar(40) null, proposed_on date not null, started_on date null, settled_on date null, ended_on date null, state_at timestamptz not null, state_event_id uuid not null)`,
    `create index on ${t('participation_match')} (municipality, proposed_on)`,
    `create table ${t('participation_follow_up')} (follow_up_id uuid primary key, municipality varchar(6) not null, match_id uuid not null, need_id uuid not null, host_organization_id uuid null, side varchar(40) not null, method varchar(40) not null, held_on date not null, district_id uuid null)`,
    `create index on ${t('participation_follow_up')} (municipality, held_on)`,
    `create table ${t('menu_gap')} (gap_id uuid primary key, municipality varchar(6) not null, need_id uuid not null, district_id uuid null, purposes text[] not null, failing_constraints text[] not null, recorded_on date not null)`,
    `create index on ${t('menu_gap')} (municipality, recorded_on)`,
  ];
}

/**
 * The only columns allowed a name-like name: a district's short name and reading are public place names
 * (香南, 女木 …) printed on the city's own published tables, not personal data, and label the district
 * reports. Nowhere else — the name-free test checks every other column against the personal-data pattern.
 */
export const PUBLIC_PLACE_NAME_COLUMNS: Record<string, readonly string[]> = {
  district: ['short_name', 'kana'],
};

/**
 * Every column a projection table may have, with its type. The name-free test compares
 * information_schema against this list, so adding a column means adding it here, in review.
 */
export const PROJECTION_COLUMN_ALLOWLIST: Record<string, string> = {
  event_id: 'uuid',
  municipality: 'character varying',
  subject: 'character varying',
  occurred_at: 'timestamp with time zone',
  district_id: 'uuid',
  sort_order: 'integer',
  is_island: 'boolean',
  state_at: 'timestamp with time zone',
  state_event_id: 'uuid',
  resource_id: 'uuid',
  status: 'character varying',
  category: 'character varying',
  insurance_scheme: 'character varying',
  public: 'boolean',
  district_ids: 'ARRAY',
  household_id: 'uuid',
  consultation_id: 'uuid',
  fiscal_year: 'integer',
  received_on: 'date',
  receiving_organization_id: 'uuid',
  route: 'character varying',
  primary_category: 'character varying',
  categories: 'ARRAY',
  issue_tags: 'ARRAY',
  disposition: 'character varying',
  cancelled: 'boolean',
  referral_id: 'uuid',
  from_organization_id: 'uuid',
  to_organization_id: 'uuid',
  info_basis: 'character varying',
  follow_up_due: 'date',
  requested_at: 'timestamp with time zone',
  accepted_at: 'timestamp with time zone',
  declined_at: 'timestamp with time zone',
  completed_at: 'timestamp with time zone',
  failed_at: 'timestamp with time zone',
  case_id: 'uuid',
  track: 'character varying',
  coordinator_organization_id: 'uuid',
  lead_organization_id: 'uuid',
  member_organization_ids: 'ARRAY',
  support_decided_on: 'date',
  closure_reason: 'character varying',
  opened_at: 'timestamp with time zone',
  opened_track: 'character varying',
  closed_at: 'timestamp with time zone',
  plan_id: 'uuid',
  plan_version: 'integer',
  uses_participation_support: 'boolean',
  uses_outreach: 'boolean',
  drafted_at: 'timestamp with time zone',
  approved_at: 'timestamp with time zone',
  meeting_id: 'uuid',
  legal_type: 'character varying',
  convener_organization_id: 'uuid',
  held_on: 'date',
  case_ids: 'ARRAY',
  short_name: 'character varying',
  district_withheld: 'boolean',
  kana: 'character varying',
  target_id: 'uuid',
  assigned_organization_id: 'uuid',
  risk_level: 'character varying',
  discovery_route: 'character varying',
  target_identity: 'character varying',
  stage: 'character varying',
  registered_on: 'date',
  connected_on: 'date',
  handed_over_on: 'date',
  closed_on: 'date',
  close_reason: 'character varying',
  contact_id: 'uuid',
  contacted_on: 'date',
  method: 'character varying',
  result: 'character varying',
  successful: 'boolean',
  alert_id: 'uuid',
  raised_on: 'date',
  cleared_on: 'date',
  need_id: 'uuid',
  purposes: 'ARRAY',
  host_id: 'uuid',
  organization_id: 'uuid',
  host_types: 'ARRAY',
  accepts: 'ARRAY',
  agreement_status: 'character varying',
  match_id: 'uuid',
  source: 'character varying',
  host_organization_id: 'uuid',
  purpose: 'character varying',
  end_reason: 'character varying',
  proposed_on: 'date',
  started_on: 'date',
  settled_on: 'date',
  ended_on: 'date',
  follow_up_id: 'uuid',
  side: 'character varying',
  gap_id: 'uuid',
  failing_constraints: 'ARRAY',
  recorded_on: 'date',
  jigyo_attribution: 'character varying',
  // The pseudonymous person key (HMAC of municipality and person id under a key reporting never holds): counts 実人数, identifies nobody.
  pseudonym: 'character varying',
  mandatory_report_id: 'uuid',
  law: 'character varying',
  issue_tag: 'character varying',
  decided_on: 'date',
  evaluation_id: 'uuid',
  decision: 'character varying',
  evaluated_on: 'date',
  // A progress note's id and codes (面談, 電話 … and its legal basis): the note's text never leaves intake.
  progress_record_id: 'uuid',
  record_kind: 'character varying',
  legal_basis: 'character varying',
  author_organization_id: 'uuid',
  council_id: 'uuid',
  layer: 'integer',
  established_on: 'date',
  council_meeting_id: 'uuid',
  participants_count: 'integer',
  coordinator_id: 'uuid',
  employer_organization_id: 'uuid',
  assigned_from: 'date',
  assigned_to: 'date',
  // The consultation tallies (consultationTallyDdl): codes, a month `YYYY-MM` and counts.
  counted_month: 'character varying',
  jigyo_field: 'character varying',
  district_code: 'character varying',
  consultations: 'integer',
  unidentified: 'integer',
  headcount: 'integer',
};

/**
 * A need whose district matching withheld after publishing it (Migration20261204190000; frozen likewise): the person's
 * DV address protection reached matching after need.registered had carried the district. The flag outlives either
 * order of need.registered and need.district-withheld (the relay may publish them in either order, ADR 0016), and the
 * need's later events and menu gaps never bring the district back.
 */
export function needDistrictWithheldDdl(schema: string): string[] {
  assertSchema(schema);
  return [`alter table "${schema}"."participation_need" add column district_withheld boolean not null default false`];
}

/**
 * The per-事業 report's consultation counts kept as the rows change (Migration20261205091000; frozen likewise, ADR 0017),
 * so the report reads a few thousand rows instead of every consultation of the 年度 (5.3 s at 1,000,000):
 * - `consultation_tally`: 延べ (and those naming no person) per month, 事業 field, district code and receiving desk;
 * - `consultation_pseudonym_month`: each pseudonymous key's consultations per field and month — the sets 実人数 is counted over;
 * - `consultation_headcount`: 実人数, distinct keys per field and month, per field for the 年度 (month ''), per month over
 *   every field (field '') and for the 年度 (both '') — never a sum of months: a key enters a count when its first
 *   consultation in that cell arrives and leaves it when its last one goes.
 * A consultation counts when it has a receipt day and is not cancelled, as the report always counted them. Statement
 * triggers on `consultation` keep the three true whichever path changes a row (the projector's upsert, the household's
 * district copied onto its consultations, a receipt day filled in later, a bulk load), from the rows before and after
 * (transition tables). Writers of one municipality take turns on an advisory lock, so two transactions never both
 * count the same key as new. Rows at zero are deleted: the tallies hold exactly what a count from scratch would.
 */
export function consultationTallyDdl(schema: string): string[] {
  assertSchema(schema);
  const t = (name: string) => `"${schema}"."${name}"`;
  return [
    `create table ${t('consultation_tally')} (municipality varchar(6) not null, fiscal_year int not null, counted_month varchar(7) not null, jigyo_field varchar(40) not null, district_code varchar(40) not null, receiving_organization_id uuid not null, consultations int not null, unidentified int not null, primary key (municipality, fiscal_year, counted_month, jigyo_field, district_code, receiving_organization_id))`,
    `create table ${t('consultation_pseudonym_month')} (municipality varchar(6) not null, fiscal_year int not null, pseudonym varchar(43) not null, jigyo_field varchar(40) not null, counted_month varchar(7) not null, consultations int not null, primary key (municipality, fiscal_year, pseudonym, jigyo_field, counted_month))`,
    `create table ${t('consultation_headcount')} (municipality varchar(6) not null, fiscal_year int not null, jigyo_field varchar(40) not null, counted_month varchar(7) not null, headcount int not null, primary key (municipality, fiscal_year, jigyo_field, counted_month))`,
    ...consultationTallyTriggerDdl(schema),
  ];
}

/** Advisory lock class of the tally writers (two-int keys: never the projection's one-bigint lock, nor the household's class). */
const TALLY_LOCK_CLASS = 0x7461; // "ta"

/**
 * The tally triggers of `schema`'s consultation table and their function, which writes the same schema's tallies. The
 * rebuild runs it again on the live schema after the swap: the moved table's triggers would call the shadow's function.
 */
export function consultationTallyTriggerDdl(schema: string): string[] {
  assertSchema(schema);
  const t = (name: string) => `"${schema}"."${name}"`;
  // A changed row leaves its old cell (-1) and enters its new one (+1); how the consultations report's queries code fields and districts.
  const counted = (rows: string, sign: number) =>
    `select municipality, fiscal_year, to_char(received_on, 'YYYY-MM') as counted_month, coalesce(jigyo_attribution, 'unattributed')::varchar as jigyo_field,
       case when district_withheld then 'undisclosed' else coalesce(district_id::text, 'none') end as district_code, receiving_organization_id, pseudonym, ${sign} as sign
     from ${rows} where received_on is not null and not cancelled`;
  // removes: whether the statement can take consultations out of a cell (update, delete), leaving rows at zero to delete.
  const tally = (delta: string, removes: boolean) => `
    perform pg_advisory_xact_lock(${TALLY_LOCK_CLASS}, hashtext('${schema}.' || municipality)) from (select distinct municipality from (${delta}) d order by 1) m;
    if not found then return null; end if;
    -- 実人数 first, against the sets as they were before this statement.
    with d as (select municipality, fiscal_year, pseudonym, jigyo_field, counted_month, sum(sign) as n from (${delta}) d where pseudonym is not null group by 1, 2, 3, 4, 5 having sum(sign) <> 0),
    was as (select s.municipality, s.fiscal_year, s.pseudonym, s.jigyo_field, s.counted_month, s.consultations as n from ${t('consultation_pseudonym_month')} s
      where (s.municipality, s.fiscal_year, s.pseudonym) in (select municipality, fiscal_year, pseudonym from d)),
    cells as (select municipality, fiscal_year, pseudonym, jigyo_field, counted_month, coalesce(was.n, 0) > 0 as was_in, coalesce(was.n, 0) + coalesce(d.n, 0) > 0 as is_in
      from was full join d using (municipality, fiscal_year, pseudonym, jigyo_field, counted_month)),
    keys as (select municipality, fiscal_year, jigyo_field, counted_month, bool_or(was_in) as was_in, bool_or(is_in) as is_in from cells
      group by grouping sets ((municipality, fiscal_year, pseudonym, jigyo_field, counted_month), (municipality, fiscal_year, pseudonym, jigyo_field), (municipality, fiscal_year, pseudonym, counted_month), (municipality, fiscal_year, pseudonym)))
    insert into ${t('consultation_headcount')} as h (municipality, fiscal_year, jigyo_field, counted_month, headcount)
      select municipality, fiscal_year, coalesce(jigyo_field, ''), coalesce(counted_month, ''), sum(is_in::int - was_in::int) from keys group by 1, 2, 3, 4 having sum(is_in::int - was_in::int) <> 0
      on conflict (municipality, fiscal_year, jigyo_field, counted_month) do update set headcount = h.headcount + excluded.headcount;${removes ? `
    delete from ${t('consultation_headcount')} where headcount = 0 and (municipality, fiscal_year) in (select municipality, fiscal_year from (${delta}) d);` : ''}
    insert into ${t('consultation_pseudonym_month')} as s (municipality, fiscal_year, pseudonym, jigyo_field, counted_month, consultations)
      select municipality, fiscal_year, pseudonym, jigyo_field, counted_month, sum(sign) from (${delta}) d where pseudonym is not null group by 1, 2, 3, 4, 5 having sum(sign) <> 0
      on conflict (municipality, fiscal_year, pseudonym, jigyo_field, counted_month) do update set consultations = s.consultations + excluded.consultations;${removes ? `
    delete from ${t('consultation_pseudonym_month')} where consultations = 0 and (municipality, fiscal_year, pseudonym) in (select municipality, fiscal_year, pseudonym from (${delta}) d);` : ''}
    insert into ${t('consultation_tally')} as c (municipality, fiscal_year, counted_month, jigyo_field, district_code, receiving_organization_id, consultations, unidentified)
      select municipality, fiscal_year, counted_month, jigyo_field, district_code, receiving_organization_id, sum(sign), coalesce(sum(sign) filter (where pseudonym is null), 0) from (${delta}) d
      group by 1, 2, 3, 4, 5, 6 having sum(sign) <> 0 or sum(sign) filter (where pseudonym is null) <> 0
      on conflict (municipality, fiscal_year, counted_month, jigyo_field, district_code, receiving_organization_id)
      do update set consultations = c.consultations + excluded.consultations, unidentified = c.unidentified + excluded.unidentified;${removes ? `
    delete from ${t('consultation_tally')} where consultations = 0
      and (municipality, fiscal_year, counted_month, jigyo_field, district_code, receiving_organization_id) in (select municipality, fiscal_year, counted_month, jigyo_field, district_code, receiving_organization_id from (${delta}) d);` : ''}`;
  const cells = 'municipality, fiscal_year, counted_month, jigyo_field, district_code, receiving_organization_id, pseudonym';
  const inserted = counted('new_rows', 1);
  const deleted = counted('old_rows', -1);
  return [
    `create or replace function ${t('consultation_tally_trigger')}() returns trigger language plpgsql as $tally$
begin
  if tg_op = 'INSERT' then${tally(inserted, false)}
  elsif tg_op = 'UPDATE' then
    -- Most updates change no counted column (a consultation triaged, closed, re-sent): nothing to tally.
    if not exists ((select ${cells} from (${deleted}) o except all select ${cells} from (${inserted}) n) union all (select ${cells} from (${inserted}) n except all select ${cells} from (${deleted}) o)) then
      return null;
    end if;${tally(`${deleted} union all ${inserted}`, true)}
  else${tally(deleted, true)}
  end if;
  return null;
end
$tally$`,
    ...(['insert', 'update', 'delete'] as const).flatMap((operation) => [
      `drop trigger if exists consultation_tally_${operation} on ${t('consultation')}`,
      `create trigger consultation_tally_${operation} after ${operation} on ${t('consultation')} referencing ${operation === 'insert' ? 'new table as new_rows' : operation === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows'} for each statement execute function ${t('consultation_tally_trigger')}()`,
    ]),
  ];
}

/** Fills the tallies of `schema` from its consultations (the migration, for the rows projected before the triggers existed). */
export function consultationTallyBackfillSql(schema: string): string[] {
  assertSchema(schema);
  const t = (name: string) => `"${schema}"."${name}"`;
  const counted = `select municipality, fiscal_year, to_char(received_on, 'YYYY-MM') as counted_month, coalesce(jigyo_attribution, 'unattributed') as jigyo_field,
      case when district_withheld then 'undisclosed' else coalesce(district_id::text, 'none') end as district_code, receiving_organization_id, pseudonym
    from ${t('consultation')} where received_on is not null and not cancelled`;
  return [
    `insert into ${t('consultation_tally')} (municipality, fiscal_year, counted_month, jigyo_field, district_code, receiving_organization_id, consultations, unidentified)
     select municipality, fiscal_year, counted_month, jigyo_field, district_code, receiving_organization_id, count(*), count(*) filter (where pseudonym is null) from (${counted}) c group by 1, 2, 3, 4, 5, 6`,
    `insert into ${t('consultation_pseudonym_month')} (municipality, fiscal_year, pseudonym, jigyo_field, counted_month, consultations)
     select municipality, fiscal_year, pseudonym, jigyo_field, counted_month, count(*) from (${counted}) c where pseudonym is not null group by 1, 2, 3, 4, 5`,
    `insert into ${t('consultation_headcount')} (municipality, fiscal_year, jigyo_field, counted_month, headcount)
     select municipality, fiscal_year, coalesce(jigyo_field, ''), coalesce(counted_month, ''), count(distinct pseudonym) from ${t('consultation_pseudonym_month')}
     group by grouping sets ((municipality, fiscal_year, jigyo_field, counted_month), (municipality, fiscal_year, jigyo_field), (municipality, fiscal_year, counted_month), (municipality, fiscal_year))`,
  ];
}
