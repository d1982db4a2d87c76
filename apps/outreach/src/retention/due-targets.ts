import type { EntityManager } from '@mikro-orm/core';
import { OUTREACH_RETENTION_RECORD_TYPES, type OutreachRetentionRecordType, type RetentionAction } from '@tsunagu/contracts';
import { dueOnSql, HOLD_IN_FORCE, RetentionRule } from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { v7 as uuidv7 } from 'uuid';

/** 3 years from the last contact (issue 19's example; DOMAIN §5.3, 年度末起算), deleting the target with its contacts. The city changes it. */
export const DEFAULT_OUTREACH_RETENTION_RULE: { trigger: 'last-contact'; years: number; action: RetentionAction } = { trigger: 'last-contact', years: 3, action: 'delete' };

/** The municipality's rule for targets, the default seeded on first use (`on conflict do nothing`: two first requests seed one row). */
export async function targetRetentionRule(em: EntityManager): Promise<RetentionRule> {
  const recordType: OutreachRetentionRecordType = OUTREACH_RETENTION_RECORD_TYPES[0];
  const rule = await em.findOne(RetentionRule, { recordType });
  if (rule) return rule;
  const { trigger, years, action } = DEFAULT_OUTREACH_RETENTION_RULE;
  await em.getConnection().execute(
    `insert into "outreach"."retention_rule" (id, municipality, record_type, "trigger", years, action) values (?, ?, ?, ?, ?, ?) on conflict (municipality, record_type) do nothing`,
    [uuidv7(), TenantContext.requireMunicipality(), recordType, trigger, years, action],
    'run',
    em.getTransactionContext(),
  );
  return em.findOneOrFail(RetentionRule, { recordType }, { refresh: true });
}

/** A legal hold in force on the target (alias `t`) or on its person. Parameters: municipality, today. */
export const TARGET_HELD = `exists (select 1 from "outreach"."legal_hold" h where h.municipality = ?::text and ${HOLD_IN_FORCE}
    and ((h.record_type = 'outreach-target' and h.record_id = t.id) or (h.record_type = 'person' and h.record_id = t.person_id)))`;

/** The date a target's period counts from: its last contact (JST), else its discovery, or its closing when later. */
const LAST = `greatest(t.discovered_on, (t.last_contact_at at time zone 'Asia/Tokyo')::date, t.closed_on)`;

export interface DueTarget {
  id: string;
  triggered_on: string;
  due_on: string;
}

/**
 * The targets past their period today and under no hold in force, whatever their stage (a target nobody has contacted
 * for the whole period is what the rule is for); `tail` narrows by id (not listed yet, or: this one target).
 */
export function dueTargets(em: EntityManager, today: string, rule: RetentionRule, tail: { sql: string; params: unknown[] }): Promise<DueTarget[]> {
  const municipality = TenantContext.requireMunicipality();
  const sql = `select id, last::text as triggered_on, ${dueOnSql('last')}::text as due_on from (
      select t.id, ${LAST} as last from "outreach"."outreach_target" t
       where t.municipality = ?::text and not ${TARGET_HELD} ${tail.sql}
    ) due where ${dueOnSql('last')} <= ?::date`;
  return em.getConnection().execute<DueTarget[]>(sql, [rule.years, municipality, municipality, today, ...tail.params, rule.years, today], 'all', em.getTransactionContext());
}

/**
 * Listed already: a live item (pending or destroyed), or an item the approver removed under this very rule version (it
 * comes back only when the city changes the rule). Parameters: municipality, rule id, rule version.
 */
export const NOT_LISTED = `and not exists (select 1 from "outreach"."destruction_item" i where i.municipality = ?::text and i.record_type = 'outreach-target' and i.record_id = t.id
    and (i.status in ('pending', 'destroyed') or (i.status = 'removed' and i.rule_id = ?::uuid and i.rule_version = ?::int)))`;
