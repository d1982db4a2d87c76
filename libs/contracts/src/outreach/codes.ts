import type { CodeTable } from '../registry/codes';

/**
 * Outreach code tables (DOMAIN §2.7, §7.2): stable ASCII codes stored in the database and carried by
 * events, each with the Japanese label staff see. Reason tags are intake's issue tags (課題タグ), not a copy.
 */
function codes<C extends string>(table: CodeTable<C>): { codes: readonly C[]; labels: CodeTable<C> } {
  return { codes: Object.keys(table) as C[], labels: table };
}

const discoveryRoute = codes({
  'support-meeting': '支援会議',
  'welfare-commissioner': '民生委員・児童委員',
  resident: '地域住民',
  'welfare-network-meeting': '地域福祉ネットワーク会議',
  agency: '関係機関',
  'watch-agreement-business': '事業者見守り協定',
  'lifeline-business': 'ライフライン事業者',
  'consultation-desk': '相談窓口',
  other: 'その他',
});
export const DISCOVERY_ROUTES = discoveryRoute.codes;
export type DiscoveryRoute = (typeof DISCOVERY_ROUTES)[number];
export const DISCOVERY_ROUTE_LABELS = discoveryRoute.labels;

const riskLevel = codes({ high: '高', medium: '中', low: '低' });
export const RISK_LEVELS = riskLevel.codes;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS = riskLevel.labels;

/** What is known of who the target is: a registered person, a household, or only a place (partial identity). */
const targetIdentity = codes({ person: '本人特定済', household: '世帯のみ', 'location-only': '場所のみ' });
export const TARGET_IDENTITIES = targetIdentity.codes;
export type TargetIdentity = (typeof TARGET_IDENTITIES)[number];
export const TARGET_IDENTITY_LABELS = targetIdentity.labels;

/** Relationship stage (DOMAIN §7.2); the allowed moves live in apps/outreach (stage machine). */
const outreachStage = codes({
  'not-contacted': '未接触',
  attempting: '接触試行中',
  contacted: '接触できた',
  'building-relationship': '関係構築中',
  connected: '相談・支援につながった',
  stable: '安定（終結可）',
  closed: '終結',
});
export const OUTREACH_STAGES = outreachStage.codes;
export type OutreachStage = (typeof OUTREACH_STAGES)[number];
export const OUTREACH_STAGE_LABELS = outreachStage.labels;

const closeReason = codes({
  'transferred-to-other-support': '他機関支援へ移行',
  'relationship-stable': '関係安定',
  'moved-out': '転出',
  deceased: '死亡',
  'long-term-unreachable': '長期接触不能',
  other: 'その他',
});
export const OUTREACH_CLOSE_REASONS = closeReason.codes;
export type OutreachCloseReason = (typeof OUTREACH_CLOSE_REASONS)[number];
export const OUTREACH_CLOSE_REASON_LABELS = closeReason.labels;

const contactMethod = codes({
  visit: '訪問',
  phone: '電話',
  'letter-note': '手紙・メモ投函',
  accompanied: '同行',
  office: '来所面接',
  online: 'オンライン',
});
export const CONTACT_METHODS = contactMethod.codes;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS = contactMethod.labels;

const contactResult = codes({ absent: '不在', 'no-response': '応答なし', refused: '拒否', 'brief-talk': '短時間会話', met: '面談できた' });
export const CONTACT_RESULTS = contactResult.codes;
export type ContactResult = (typeof CONTACT_RESULTS)[number];
export const CONTACT_RESULT_LABELS = contactResult.labels;

/** Results that count as a successful contact (they clear an inactivity alert and restart its clock). */
export const SUCCESSFUL_CONTACT_RESULTS: readonly ContactResult[] = ['brief-talk', 'met'];
export function isSuccessfulContact(result: ContactResult): boolean {
  return SUCCESSFUL_CONTACT_RESULTS.includes(result);
}

const observation = codes({
  'mail-piling-up': '郵便物滞留',
  odour: '異臭',
  'rubbish-accumulation': 'ごみ堆積',
  'utilities-cut-off': 'ライフライン停止',
  'health-concern': '健康状態懸念',
  'house-damage': '家屋破損',
  'nothing-notable': '特記なし',
});
export const OBSERVATION_CODES = observation.codes;
export type ObservationCode = (typeof OBSERVATION_CODES)[number];
export const OBSERVATION_CODE_LABELS = observation.labels;

const watcherKind = codes({ staff: '職員', 'welfare-commissioner': '民生委員・児童委員', volunteer: 'ボランティア' });
export const WATCHER_KINDS = watcherKind.codes;
export type WatcherKind = (typeof WATCHER_KINDS)[number];
export const WATCHER_KIND_LABELS = watcherKind.labels;

/** Where a target is handed over to in intake (引継ぎ先). */
const handoverDestination = codes({ consultation: '相談受付（包括的相談支援）', case: '多機関協働' });
export const HANDOVER_DESTINATIONS = handoverDestination.codes;
export type HandoverDestination = (typeof HANDOVER_DESTINATIONS)[number];
export const HANDOVER_DESTINATION_LABELS = handoverDestination.labels;

const handoverStatus = codes({ requested: '引継依頼済', linked: '引継済（記録作成）' });
export const HANDOVER_STATUSES = handoverStatus.codes;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];
export const HANDOVER_STATUS_LABELS = handoverStatus.labels;

const alertStatus = codes({ open: '発生中', cleared: '解消' });
export const INACTIVITY_ALERT_STATUSES = alertStatus.codes;
export type InactivityAlertStatus = (typeof INACTIVITY_ALERT_STATUSES)[number];
export const INACTIVITY_ALERT_STATUS_LABELS = alertStatus.labels;

export const OUTREACH_CODE_TABLES = {
  discoveryRoute: DISCOVERY_ROUTE_LABELS,
  riskLevel: RISK_LEVEL_LABELS,
  targetIdentity: TARGET_IDENTITY_LABELS,
  outreachStage: OUTREACH_STAGE_LABELS,
  outreachCloseReason: OUTREACH_CLOSE_REASON_LABELS,
  contactMethod: CONTACT_METHOD_LABELS,
  contactResult: CONTACT_RESULT_LABELS,
  observation: OBSERVATION_CODE_LABELS,
  watcherKind: WATCHER_KIND_LABELS,
  handoverDestination: HANDOVER_DESTINATION_LABELS,
  handoverStatus: HANDOVER_STATUS_LABELS,
  inactivityAlertStatus: INACTIVITY_ALERT_STATUS_LABELS,
} as const;
