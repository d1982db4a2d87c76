import type { EntityManager } from '@mikro-orm/core';
import { RETENTION_RECORD_TYPES, type RetentionAction, type RetentionRecordType, type RetentionTrigger } from '@tsunagu/contracts';
import { RetentionRule } from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { v7 as uuidv7 } from 'uuid';

/**
 * The periods a municipality starts with (DOMAIN §5.3: 5 years after 終結, 年度末起算 — the common 5-year class of
 * 生活保護法関係文書 and of 介護保険 records extended by ordinance). The city changes them to its 文書管理規程.
 */
export const DEFAULT_RETENTION_RULES: Record<RetentionRecordType, { trigger: RetentionTrigger; years: number; action: RetentionAction }> = {
  case: { trigger: 'case-closed', years: 5, action: 'delete' },
  consultation: { trigger: 'consultation-received', years: 5, action: 'delete' },
  person: { trigger: 'last-activity', years: 5, action: 'erase' },
};

/**
 * The municipality's rules, the defaults seeded on first use: `on conflict do nothing` on the (municipality, record type)
 * key, so two first requests at once seed one row each.
 */
export async function retentionRules(em: EntityManager): Promise<Map<RetentionRecordType, RetentionRule>> {
  let rules = await em.find(RetentionRule, {});
  if (rules.length < RETENTION_RECORD_TYPES.length) {
    const municipality = TenantContext.requireMunicipality();
    for (const recordType of RETENTION_RECORD_TYPES) {
      const { trigger, years, action } = DEFAULT_RETENTION_RULES[recordType];
      await em.getConnection().execute(
        `insert into "intake"."retention_rule" (id, municipality, record_type, "trigger", years, action) values (?, ?, ?, ?, ?, ?) on conflict (municipality, record_type) do nothing`,
        [uuidv7(), municipality, recordType, trigger, years, action],
        'run',
        em.getTransactionContext(),
      );
    }
    rules = await em.find(RetentionRule, {}, { refresh: true });
  }
  return new Map(rules.map((rule) => [rule.recordType as RetentionRecordType, rule]));
}
