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
};

/**
 * A 緊急アクセス stays as the trail of who opened the person and when (like the audit record, ids only), without the
 * words given as its reason and review, which are about the person.
 */
const EMERGENCY_ACCESS_WORDS = `update "intake"."emergency_access" set "reason" = '', "review_note" = null, ${TOUCH} where "person_id" = ?`;

const STATEMENTS: Record<RetentionRecordType, Record<RetentionAction, string[]>> = {
  person: {
    erase: [
      `update "intake"."person" set "family_name" = null, "given_name" = null, "family_name_kana" = null, "given_name_kana" = null, "alias_name" = null,
         "former_name" = null, "birth_date" = null, "birth_date_precision" = 'unknown', "address" = null, "address_raw" = null, "phones" = '[]', "email" = null,
         "deceased_on" = null, "identity_level" = 'anonymous', "kana_key" = '', "phone_digits" = '{}', "search_text" = '', ${TOUCH} where "id" = ?`,
      `update "intake"."consent" set "withdrawal_reason" = null, ${TOUCH} where "person_id" = ?`,
      EMERGENCY_ACCESS_WORDS,
    ],
    delete: [
      `delete from "intake"."consent" where "person_id" = ?`,
      EMERGENCY_ACCESS_WORDS,
      // Out of every household it belonged to (the household itself stays, with its other members).
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
    ],
  },
};

/** Destroys one record (and what belongs to it) as the rule's action says, in the caller's transaction. */
export async function destroyRecord(em: EntityManager, recordType: RetentionRecordType, recordId: string, action: RetentionAction): Promise<void> {
  for (const sql of [SOURCES[recordType], ...STATEMENTS[recordType][action]]) {
    const params = Array.from({ length: sql.split('?').length - 1 }, () => recordId);
    await em.getConnection().execute(sql, params, 'run', em.getTransactionContext());
  }
}
