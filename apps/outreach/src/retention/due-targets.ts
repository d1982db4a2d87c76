import type { EntityManager } from '@mikro-orm/core';
import type { OutreachRetentionRecordType, OutreachRetentionTrigger } from '@tsunagu/contracts';
import { dueOnSql, HOLD_IN_FORCE, seededRetentionRules, type DueRecord, type RetentionRule, type RetentionRuleDefault } from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { pgArray } from '@tsunagu/platform-persistence';

/** 3 years from the last contact (issue 19's example; DOMAIN §5.3, 年度末起算), deleting the target with its contacts. The city changes it. */
export const DEFAULT_OUTREACH_RETENTION_RULES: Record<OutreachRetentionRecordType, RetentionRuleDefault<OutreachRetentionTrigger>> = {
  'outreach-target': { trigger: 'last-contact', years: 3, action: 'delete' },
};

/** The municipality's rule for targets, the default seeded on first use. */
export async function targetRetentionRule(em: EntityManager): Promise<RetentionRule> {
  return (await seededRetentionRules(em, 'outreach', DEFAULT_OUTREACH_RETENTION_RULES)).get('outreach-target') as RetentionRule;
}

/**
 * A legal hold in force on the target (alias `t`) or on its person — placed here, or in intake (kept from its
 * legal-hold events, ADR 0019). Parameters: municipality, today.
 */
export const TARGET_HELD = `exists (select 1 from (
      select municipality, record_type, record_id, released_at, until from "outreach"."legal_hold"
      union all select municipality, 'person', person_id, released_at, until from "outreach"."intake_legal_hold"
    ) h where h.municipality = ?::text and ${HOLD_IN_FORCE}
    and ((h.record_type = 'outreach-target' and h.record_id = t.id) or (h.record_type = 'person' and h.record_id = t.person_id)))`;

/** The targets among `targetIds` under a legal hold in force on `today` (outreach's own on the target or the person, or intake's on the person). */
export async function heldTargetIds(em: EntityManager, targetIds: readonly string[], today: string): Promise<string[]> {
  if (targetIds.length === 0) return [];
  const sql = `select t.id from "outreach"."outreach_target" t where t.id = any(?::uuid[]) and ${TARGET_HELD}`;
  const rows: { id: string }[] = await em.getConnection().execute(sql, [pgArray(targetIds), TenantContext.requireMunicipality(), today], 'all', em.getTransactionContext());
  return rows.map((row) => row.id);
}

/** The date a target's period counts from: its last contact (JST), else its discovery, or its closing when later. */
const LAST = `greatest(t.discovered_on, (t.last_contact_at at time zone 'Asia/Tokyo')::date, t.closed_on)`;

/**
 * The targets past their period today and under no hold in force, whatever their stage (a target nobody has contacted
 * for the whole period is what the rule is for); `tail` narrows by id (not listed yet, or: this one target).
 */
export function dueTargets(em: EntityManager, today: string, rule: RetentionRule, tail: { sql: string; params: unknown[] }): Promise<DueRecord[]> {
  const municipality = TenantContext.requireMunicipality();
  const sql = `select id, last::text as triggered_on, ${dueOnSql('last')}::text as due_on from (
      select t.id, ${LAST} as last from "outreach"."outreach_target" t
       where t.municipality = ?::text and not ${TARGET_HELD} ${tail.sql}
    ) due where ${dueOnSql('last')} <= ?::date`;
  return em.getConnection().execute<DueRecord[]>(sql, [rule.years, municipality, municipality, today, ...tail.params, rule.years, today], 'all', em.getTransactionContext());
}

/**
 * Listed already: a live item (pending or destroyed), or an item the approver removed under this very rule version (it
 * comes back only when the city changes the rule). Parameters: municipality, rule id, rule version.
 */
export const NOT_LISTED = `and not exists (select 1 from "outreach"."destruction_item" i where i.municipality = ?::text and i.record_type = 'outreach-target' and i.record_id = t.id
    and (i.status in ('pending', 'destroyed') or (i.status = 'removed' and i.rule_id = ?::uuid and i.rule_version = ?::int)))`;
