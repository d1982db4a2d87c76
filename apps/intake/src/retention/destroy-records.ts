import type { EntityManager } from '@mikro-orm/core';
import type { RetentionAction, RetentionRecordType } from '@tsunagu/contracts';

/*
 * What destroying one record means in intake, per record type and the rule's action. `erase` clears every personal
 * field and free text (names, kana, birth date, address, phones, the person's own words, notes) and keeps the coded row,
 * so the city's statistics and the record's existence stay; `delete` deletes the rows. Either way the import sources of
 * its rows are deleted (nothing maps the old system's key to it any more). Statements run in the approval's
 * transaction: a batch is destroyed whole or not at all.
 */

const TOUCH = `"version" = "version" + 1, "updated_at" = now()`;
const CASE_CONSULTATION = `(select "consultation_id" from "intake"."multi_agency_case" where "id" = ?)`;

/**
 * The old system's ids the rows of a record were imported under (データ取込): a city's key for the person, personal data
 * in effect, so they go with the record whatever the action — first, while the rows that name them still exist.
 */
const forgetSources = (ids: string) => `delete from "intake"."import_source" where "target_id" in (${ids})`;
const SOURCES: Record<RetentionRecordType, string> = {
  person: forgetSources(`select ?::uuid union all select "id" from "intake"."consent" where "person_id" = ?`),
  consultation: forgetSources(`select ?::uuid union all select "id" from "intake"."referral" where "consultation_id" = ?`),
  case: forgetSources(
    `select ?::uuid union all select "id" from "intake"."support_plan" where "case_id" = ? union all select ${CASE_CONSULTATION}
     union all select "id" from "intake"."referral" where "consultation_id" = ${CASE_CONSULTATION}`,
  ),
  meeting: forgetSources(`select ?::uuid`),
};

/**
 * A 緊急アクセス stays as the trail of who opened the person and when (like the audit record, ids only), without the
 * words given as its reason and review, which are about the person.
 */
const EMERGENCY_ACCESS_WORDS = `update "intake"."emergency_access" set "reason" = '', "review_note" = null, ${TOUCH} where "person_id" = ?`;

/** A meeting's decisions with the words cleared (the decision, the roles assigned), on the decisions matching `which`. */
const decisionsErased = (which: string) =>
  `coalesce((select jsonb_agg(case when ${which} then d || jsonb_build_object('decision', '', 'roleAssignments',
     coalesce((select jsonb_agg(r || '{"role": ""}'::jsonb) from jsonb_array_elements(d->'roleAssignments') r), '[]'::jsonb)) else d end)
     from jsonb_array_elements("decisions") d), '[]'::jsonb)`;

/** Not under a legal hold in force today: a held meeting stays as it is (its own destruction clears it later). */
const MEETING_NOT_HELD = `not exists (select 1 from "intake"."legal_hold" h where h.record_type = 'meeting' and h.record_id = "meeting"."id"
  and h.released_at is null and (h.until is null or h.until >= (now() at time zone 'Asia/Tokyo')::date))`;

/**
 * What the meetings that remain say about destroyed cases (`cases`: their ids as text): the words of their decisions
 * are cleared (erase) or their agenda items and decisions taken out (delete), so a meeting about three cases keeps the
 * other two. The 議事録 is one text over every case discussed and cannot be split: it is cleared. (Their 106条の6 notes
 * are the cases' progress notes, destroyed with them.)
 */
const meetingItems = (cases: string, action: RetentionAction) => {
  const words =
    action === 'erase'
      ? `"decisions" = ${decisionsErased(`d->>'caseId' in (${cases})`)}`
      : `"cases" = coalesce((select jsonb_agg(x) from jsonb_array_elements("cases") x where x->>'caseId' not in (${cases})), '[]'::jsonb),
         "decisions" = coalesce((select jsonb_agg(d) from jsonb_array_elements("decisions") d where d->>'caseId' not in (${cases})), '[]'::jsonb)`;
  return `update "intake"."meeting" set ${words}, "minutes" = null, ${TOUCH}
           where (exists (select 1 from jsonb_array_elements("cases") x where x->>'caseId' in (${cases}))
                  or exists (select 1 from jsonb_array_elements("decisions") d where d->>'caseId' in (${cases})))
             and ${MEETING_NOT_HELD}`;
};
const THE_CASE = `select ?::text`;
const CASES_OF_KEY_PERSON = `select "id"::text from "intake"."multi_agency_case" where "key_person_id" = ?`;

/** The 106条の6 material shared in a meeting: it belongs to the meeting (DOMAIN §2.4). */
const MEETING_MATERIAL = `"meeting_id" = ? and "legal_basis" = 'support-meeting-106-6'`;

const STATEMENTS: Record<RetentionRecordType, Record<RetentionAction, string[]>> = {
  // The person's cases stay under their own rule; what meetings say about them goes with the person.
  person: {
    erase: [
      meetingItems(CASES_OF_KEY_PERSON, 'erase'),
      `update "intake"."person" set "family_name" = null, "given_name" = null, "family_name_kana" = null, "given_name_kana" = null, "alias_name" = null,
         "former_name" = null, "birth_date" = null, "birth_date_precision" = 'unknown', "address" = null, "address_raw" = null, "phones" = '[]', "email" = null,
         "deceased_on" = null, "identity_level" = 'anonymous', "kana_key" = '', "phone_digits" = '{}', "search_text" = '', ${TOUCH} where "id" = ?`,
      `update "intake"."consent" set "withdrawal_reason" = null, ${TOUCH} where "person_id" = ?`,
      EMERGENCY_ACCESS_WORDS,
    ],
    delete: [
      meetingItems(CASES_OF_KEY_PERSON, 'erase'),
      `delete from "intake"."consent" where "person_id" = ?`,
      EMERGENCY_ACCESS_WORDS,
      // Out of every household it belonged to (the household stays with its other members; see HOUSEHOLD_LEFT).
      `update "intake"."household" set "members" = coalesce((select jsonb_agg(m) from jsonb_array_elements("members") m where m->>'personId' <> ?::text), '[]'::jsonb),
         "key_person_id" = case when "key_person_id" = ?::uuid then null else "key_person_id" end, ${TOUCH}
        where "members" @> jsonb_build_array(jsonb_build_object('personId', ?::text))`,
      `delete from "intake"."person" where "id" = ?`,
    ],
  },
  consultation: {
    erase: [
      `update "intake"."consultation" set "main_complaint" = null, "consultant_relation_detail" = null, "cancellation_reason" = null, "search_text" = '', ${TOUCH} where "id" = ?`,
      `update "intake"."progress_note" set "text" = '', ${TOUCH} where "consultation_id" = ?`,
      `update "intake"."referral" set "basis_note" = null, "request_note" = null, "response_note" = null, ${TOUCH} where "consultation_id" = ?`,
      `update "intake"."mandatory_report" set "note" = null, ${TOUCH} where "consultation_id" = ?`,
    ],
    delete: [
      `delete from "intake"."progress_note" where "consultation_id" = ?`,
      `delete from "intake"."referral" where "consultation_id" = ?`,
      `delete from "intake"."mandatory_report" where "consultation_id" = ?`,
      `delete from "intake"."consultation" where "id" = ?`,
    ],
  },
  // The case's own consultation (the one it grew from) goes with it.
  case: {
    erase: [
      `update "intake"."consultation" set "main_complaint" = null, "consultant_relation_detail" = null, "cancellation_reason" = null, "search_text" = '', ${TOUCH} where "id" = ${CASE_CONSULTATION}`,
      `update "intake"."referral" set "basis_note" = null, "request_note" = null, "response_note" = null, ${TOUCH} where "consultation_id" = ${CASE_CONSULTATION}`,
      `update "intake"."mandatory_report" set "note" = null, ${TOUCH} where "consultation_id" = ${CASE_CONSULTATION}`,
      `update "intake"."progress_note" set "text" = '', ${TOUCH} where "consultation_id" = ${CASE_CONSULTATION}`,
      `update "intake"."multi_agency_case" set "suspension_reason" = null, "closure_note" = null, ${TOUCH} where "id" = ?`,
      `update "intake"."support_plan" set "wishes" = null, "issue_summary" = null, "overall_direction" = null,
         "goals" = coalesce((select jsonb_agg(g || '{"text": ""}'::jsonb) from jsonb_array_elements("goals") g), '[]'::jsonb),
         "actions" = coalesce((select jsonb_agg(a || '{"content": ""}'::jsonb) from jsonb_array_elements("actions") a), '[]'::jsonb), ${TOUCH}
        where "case_id" = ?`,
      `update "intake"."evaluation" set "goal_results" = coalesce((select jsonb_agg(r || '{"note": null}'::jsonb) from jsonb_array_elements("goal_results") r), '[]'::jsonb), ${TOUCH} where "case_id" = ?`,
      `update "intake"."progress_note" set "text" = '', ${TOUCH} where "case_id" = ?`,
      meetingItems(THE_CASE, 'erase'),
    ],
    delete: [
      `delete from "intake"."progress_note" where "consultation_id" = ${CASE_CONSULTATION}`,
      `delete from "intake"."referral" where "consultation_id" = ${CASE_CONSULTATION}`,
      `delete from "intake"."mandatory_report" where "consultation_id" = ${CASE_CONSULTATION}`,
      `delete from "intake"."consultation" where "id" = ${CASE_CONSULTATION}`,
      `delete from "intake"."evaluation" where "case_id" = ?`,
      `delete from "intake"."support_plan" where "case_id" = ?`,
      `delete from "intake"."progress_note" where "case_id" = ?`,
      `delete from "intake"."multi_agency_case" where "id" = ?`,
      meetingItems(THE_CASE, 'delete'),
    ],
  },
  // A meeting with its attendees' acknowledgements and the 106条の6 material shared in it. Plans, evaluations and cases
  // that name it keep its id (an id, no personal data).
  meeting: {
    erase: [
      `update "intake"."meeting" set "minutes" = null, "place" = null,
         "attendees" = coalesce((select jsonb_agg(a || '{"name": ""}'::jsonb) from jsonb_array_elements("attendees") a), '[]'::jsonb),
         "decisions" = ${decisionsErased('true')}, ${TOUCH} where "id" = ?`,
      // The staff subject stays (an account id, as on the audit trail); a name written by the secretariat goes.
      `update "intake"."meeting_acknowledgement" set "attendee_name" = '',
         "attendee_key" = case when "staff_subject" is null then "organization_id"::text || '|erased:' || "id"::text else "attendee_key" end, ${TOUCH}
        where "meeting_id" = ?`,
      `update "intake"."progress_note" set "text" = '', ${TOUCH} where ${MEETING_MATERIAL}`,
    ],
    delete: [
      `delete from "intake"."progress_note" where ${MEETING_MATERIAL}`,
      `delete from "intake"."meeting_acknowledgement" where "meeting_id" = ?`,
      `delete from "intake"."meeting" where "id" = ?`,
    ],
  },
};

/**
 * 世帯 with no one left: among `candidates` (a query of household ids), those whose every member is destroyed — before,
 * or in this approval (?: a JSON array of person ids; their items are marked destroyed only when it commits).
 */
const householdsLeft = (candidates: string) => `select h."id" from "intake"."household" h where h."id" in (${candidates})
   and not exists (select 1 from jsonb_array_elements(h."members") m where m->>'personId' not in (select jsonb_array_elements_text(?::jsonb))
         and not exists (select 1 from "intake"."destruction_item" i where i."record_type" = 'person' and i."status" = 'destroyed' and i."record_id"::text = m->>'personId'))`;
const HOUSEHOLD_REFERRED = `(exists (select 1 from "intake"."multi_agency_case" c where c."household_id" = "household"."id")
  or exists (select 1 from "intake"."consultation" c where c."household_id" = "household"."id"))`;

/**
 * A household with no member left but destroyed persons is deleted (its name 「○○家」 and 住基世帯番号 with it); while a
 * case or consultation kept longer still names it, it is erased instead (name, 住基世帯番号, search text cleared) and
 * deleted when the last of them is.
 */
const HOUSEHOLD_LEFT = (candidates: string) => [
  `delete from "intake"."household" where "id" in (${householdsLeft(candidates)}) and not ${HOUSEHOLD_REFERRED}`,
  `update "intake"."household" set "label" = '', "juki_setai_numbers" = '[]', "search_text" = '', ${TOUCH} where "id" in (${householdsLeft(candidates)})`,
];
const HOUSEHOLDS_OF_PERSON = `select "id" from "intake"."household" where "members" @> jsonb_build_array(jsonb_build_object('personId', ?::text))`;
/** The households a deleted consultation or case (with its own consultation) named. */
const HOUSEHOLDS_NAMED: Partial<Record<RetentionRecordType, string>> = {
  consultation: `select "household_id" from "intake"."consultation" where "id" = ? and "household_id" is not null`,
  case: `select "household_id" from "intake"."multi_agency_case" where "id" = ?
         union select "household_id" from "intake"."consultation" where "id" = ${CASE_CONSULTATION} and "household_id" is not null`,
};

async function run(em: EntityManager, sql: string, params: unknown[]): Promise<void> {
  await em.getConnection().execute(sql, params, 'run', em.getTransactionContext());
}

/**
 * Destroys one record (and what belongs to it) as the rule's action says, in the caller's transaction; `persons`: the
 * persons destroyed before it in the same approval.
 */
export async function destroyRecord(em: EntityManager, recordType: RetentionRecordType, recordId: string, action: RetentionAction, persons: readonly string[] = []): Promise<void> {
  const ids = (sql: string) => Array.from({ length: sql.split('?').length - 1 }, () => recordId);
  const named = HOUSEHOLDS_NAMED[recordType];
  // Read before the rows that name them go.
  const rows: { household_id: string }[] = action === 'delete' && named ? await em.getConnection().execute(named, ids(named), 'all', em.getTransactionContext()) : [];
  const households = rows.map((row) => row.household_id);
  // A person's households first, while the person is still a member.
  if (recordType === 'person') for (const sql of HOUSEHOLD_LEFT(HOUSEHOLDS_OF_PERSON)) await run(em, sql, [recordId, JSON.stringify([...persons, recordId])]);
  for (const sql of [SOURCES[recordType], ...STATEMENTS[recordType][action]]) await run(em, sql, ids(sql));
  // A household a deleted consultation or case was the last to name goes once no member is left.
  if (households.length > 0) for (const sql of HOUSEHOLD_LEFT(`select jsonb_array_elements_text(?::jsonb)::uuid`)) await run(em, sql, [JSON.stringify(households), JSON.stringify(persons)]);
}
