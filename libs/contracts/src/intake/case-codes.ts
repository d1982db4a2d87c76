import type { CodeTable } from '../registry/codes';

/* Code tables of 多機関協働, 支援プラン, 評価, 支援経過 and meetings (DOMAIN §2.5, §2.6, §7.1). */
function codes<C extends string>(table: CodeTable<C>): { codes: readonly C[]; labels: CodeTable<C> } {
  return { codes: Object.keys(table) as C[], labels: table };
}

const caseTrack = codes({ 'pre-consent': '同意前（支援会議トラック）', consented: '同意後（重層トラック）' });
export const CASE_TRACKS = caseTrack.codes;
export type CaseTrack = (typeof CASE_TRACKS)[number];
export const CASE_TRACK_LABELS = caseTrack.labels;

const caseStatus = codes({
  potential: '潜在（同意前）',
  received: '受理',
  assessing: 'アセスメント中',
  planning: 'プラン作成中',
  'in-review': '会議審議中',
  decided: '支援決定済',
  'in-support': '支援実施中',
  evaluating: '評価中',
  suspended: '中断',
  closed: '終結',
});
export const CASE_STATUSES = caseStatus.codes;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS = caseStatus.labels;

const closureReason = codes({
  'goal-achieved': '目標達成',
  'handed-to-lead-agency': '主担当機関へ移行（役割分担合意）',
  'handed-to-other-agency': '他機関へ引継',
  'moved-out': '転出',
  deceased: '死亡',
  'lost-contact': '連絡途絶',
  declined: '本人辞退・拒否',
  other: 'その他',
});
export const CLOSURE_REASONS = closureReason.codes;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const CLOSURE_REASON_LABELS = closureReason.labels;

const planStatus = codes({
  draft: '下書き',
  submitted: '会議提出',
  approved: '承認（支援決定）',
  active: '実施中',
  evaluated: '評価済',
  superseded: '改定済',
  ended: '終了',
});
export const PLAN_STATUSES = planStatus.codes;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS = planStatus.labels;

const goalTerm = codes({ long: '長期', short: '短期' });
export const GOAL_TERMS = goalTerm.codes;
export type GoalTerm = (typeof GOAL_TERMS)[number];
export const GOAL_TERM_LABELS = goalTerm.labels;

const goalResult = codes({ achieved: '達成', 'partly-achieved': '一部達成', 'not-achieved': '未達成', 'not-assessable': '評価不能' });
export const GOAL_RESULTS = goalResult.codes;
export type GoalResult = (typeof GOAL_RESULTS)[number];
export const GOAL_RESULT_LABELS = goalResult.labels;

const evaluationDecision = codes({ continue: '継続', replan: '再プラン', close: '終結', suspend: '中断' });
export const EVALUATION_DECISIONS = evaluationDecision.codes;
export type EvaluationDecision = (typeof EVALUATION_DECISIONS)[number];
export const EVALUATION_DECISION_LABELS = evaluationDecision.labels;

const noteKind = codes({
  interview: '面談',
  phone: '電話',
  visit: '訪問',
  accompaniment: '同行',
  'mail-document': 'メール・文書',
  'agency-contact': '関係機関連絡',
  meeting: '会議',
  other: 'その他',
});
export const NOTE_KINDS = noteKind.codes;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_KIND_LABELS = noteKind.labels;

/** Legal type of a meeting, kept apart from the local name municipalities give it (e.g. まるごと会議). */
const meetingLegalType = codes({
  'support-meeting-106-6': '支援会議（社福法106条の6）',
  'jusou-meeting': '重層的支援会議',
  'community-care-meeting': '地域ケア会議',
  'child-protection-council': '要保護児童対策地域協議会',
  'support-coordination-meeting': '支援調整会議（生活困窮）',
  'public-assistance-coordination': '生活保護法調整会議',
  'isolation-council': '孤独・孤立対策地域協議会',
  'district-network-council': '地域福祉ネットワーク会議（第2層協議体）',
  'layer1-council': '第1層協議体',
  other: 'その他',
});
export const MEETING_LEGAL_TYPES = meetingLegalType.codes;
export type MeetingLegalType = (typeof MEETING_LEGAL_TYPES)[number];
export const MEETING_LEGAL_TYPE_LABELS = meetingLegalType.labels;

const meetingStatus = codes({ scheduled: '予定', held: '開催済', finalised: '記録確定', cancelled: '中止' });
export const MEETING_STATUSES = meetingStatus.codes;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS = meetingStatus.labels;

const agenda = codes({ 'information-sharing': '情報共有', 'policy-review': '支援方針検討', 'plan-review': 'プラン審議', evaluation: '評価', 'closure-review': '終結判断' });
export const AGENDA_ITEMS = agenda.codes;
export type AgendaItem = (typeof AGENDA_ITEMS)[number];
export const AGENDA_ITEM_LABELS = agenda.labels;

export const CASE_CODE_TABLES = {
  caseTrack: CASE_TRACK_LABELS,
  caseStatus: CASE_STATUS_LABELS,
  closureReason: CLOSURE_REASON_LABELS,
  planStatus: PLAN_STATUS_LABELS,
  goalTerm: GOAL_TERM_LABELS,
  goalResult: GOAL_RESULT_LABELS,
  evaluationDecision: EVALUATION_DECISION_LABELS,
  noteKind: NOTE_KIND_LABELS,
  meetingLegalType: MEETING_LEGAL_TYPE_LABELS,
  meetingStatus: MEETING_STATUS_LABELS,
  agenda: AGENDA_ITEM_LABELS,
} as const;
