import type { EntityManager } from '@mikro-orm/core';
import type { RetentionRecordType, RetentionTrigger } from '@tsunagu/contracts';
import { seededRetentionRules, type RetentionRule, type RetentionRuleDefault } from '@tsunagu/platform-audit';

/**
 * The periods a municipality starts with (DOMAIN §5.3: 5 years after 終結, 年度末起算 — the common 5-year class of
 * 生活保護法関係文書 and of 介護保険 records extended by ordinance). The city changes them to its 文書管理規程.
 * A meeting's 会議録 is in the same 5-year class from the meeting, erased rather than deleted so the coded row (type,
 * date, convener, cases on the agenda) keeps the 会議開催 counts of the 実績報告.
 */
export const DEFAULT_RETENTION_RULES: Record<RetentionRecordType, RetentionRuleDefault<RetentionTrigger>> = {
  case: { trigger: 'case-closed', years: 5, action: 'delete' },
  consultation: { trigger: 'consultation-received', years: 5, action: 'delete' },
  person: { trigger: 'last-activity', years: 5, action: 'erase' },
  meeting: { trigger: 'meeting-held', years: 5, action: 'erase' },
};

/** The municipality's rules, the defaults seeded on first use. */
export function retentionRules(em: EntityManager): Promise<Map<RetentionRecordType, RetentionRule>> {
  return seededRetentionRules(em, 'intake', DEFAULT_RETENTION_RULES);
}
