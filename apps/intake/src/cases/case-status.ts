import type { CaseStatus } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';

/**
 * The case status machine of DOMAIN §7.1:
 *   受理 → アセスメント中 → プラン作成中 → 会議審議中 → 支援決定済 → 支援実施中 ⇄ 評価中
 *   評価中 → 支援実施中 (継続) | プラン作成中 (再プラン) | 終結 | 中断;  中断 → 支援実施中 (再開)
 *   潜在（同意前） → [consent recorded] → アセスメント中;  潜在 → 終結
 */
export type CaseAction =
  | 'record-consent'
  | 'start-assessment'
  | 'start-planning'
  | 'submit-plan'
  | 'decide-support'
  | 'start-support'
  | 'start-evaluation'
  | 'continue'
  | 'replan'
  | 'suspend'
  | 'resume'
  | 'close';

const MACHINE: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
  potential: { 'record-consent': 'assessing', close: 'closed' },
  received: { 'start-assessment': 'assessing' },
  assessing: { 'start-planning': 'planning' },
  planning: { 'submit-plan': 'in-review' },
  'in-review': { 'decide-support': 'decided', replan: 'planning' },
  decided: { 'start-support': 'in-support' },
  'in-support': { 'start-evaluation': 'evaluating', suspend: 'suspended' },
  evaluating: { continue: 'in-support', replan: 'planning', close: 'closed', suspend: 'suspended' },
  suspended: { resume: 'in-support' },
  closed: {},
};

export function allowedCaseActions(status: CaseStatus): CaseAction[] {
  return Object.keys(MACHINE[status]) as CaseAction[];
}

export function nextCaseStatus(from: CaseStatus, action: CaseAction): CaseStatus {
  const next = MACHINE[from][action];
  if (!next) throw DomainException.invalidTransition('MultiAgencyCase', from, action, allowedCaseActions(from));
  return next;
}
