import type { CodeTable } from '../registry/codes';

/**
 * Matching code tables (参加支援事業, DOMAIN §2.8, §7.3): stable ASCII codes stored in the database and
 * carried by events, each with the Japanese label staff see. Codes never change once published; labels may.
 * Weekdays are the registry's (WEEKDAYS: mo…su), so a resource's schedule and a need's availability agree.
 */
function codes<C extends string>(table: CodeTable<C>): { codes: readonly C[]; labels: CodeTable<C> } {
  return { codes: Object.keys(table) as C[], labels: table };
}

const purpose = codes({
  ibasho: '居場所',
  'role-volunteer': '役割・ボランティア',
  'work-experience': '就労体験',
  employment: '就労',
  learning: '学び',
  'hobby-social': '趣味・交流',
  'housing-related': '住まい関連',
});
export const PARTICIPATION_PURPOSES = purpose.codes;
export type ParticipationPurpose = (typeof PARTICIPATION_PURPOSES)[number];
export const PARTICIPATION_PURPOSE_LABELS = purpose.labels;

/** 聴取中 → マッチング中 → 参加中 → 休止 / 終了 (DOMAIN §7.3). */
const needStatus = codes({ hearing: '聴取中', matching: 'マッチング中', participating: '参加中', paused: '休止', ended: '終了' });
export const NEED_STATUSES = needStatus.codes;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_STATUS_LABELS = needStatus.labels;

/** 提案 → 見学 → 体験 → 参加開始（定着支援中）→ 定着; from any open status → 中断 | 終了 with a reason. */
const matchStatus = codes({
  proposed: '提案',
  visit: '見学',
  trial: '体験',
  participating: '参加開始（定着支援中）',
  settled: '定着',
  interrupted: '中断',
  ended: '終了',
});
export const MATCH_STATUSES = matchStatus.codes;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export const MATCH_STATUS_LABELS = matchStatus.labels;

const matchEndReason = codes({
  'person-declined': '本人の辞退',
  'health-condition': '体調の変化',
  'host-circumstances': '受入先の事情',
  mismatch: '内容が合わなかった',
  'moved-away': '転居',
  'moved-on': '次の場・就労へ移行',
  'contact-lost': '連絡が取れない',
  other: 'その他',
});
export const MATCH_END_REASONS = matchEndReason.codes;
export type MatchEndReason = (typeof MATCH_END_REASONS)[number];
export const MATCH_END_REASON_LABELS = matchEndReason.labels;

const hostType = codes({
  company: '企業',
  farm: '農家',
  'social-welfare-corporation': '社会福祉法人',
  npo: 'NPO',
  'community-group': '地域団体・サロン',
  shop: '商店',
  'public-facility': '公共施設',
  other: 'その他',
});
export const HOST_TYPES = hostType.codes;
export type HostType = (typeof HOST_TYPES)[number];
export const HOST_TYPE_LABELS = hostType.labels;

const agreementStatus = codes({ registered: '登録', signed: '協定締結', suspended: '休止', terminated: '解除' });
export const HOST_AGREEMENT_STATUSES = agreementStatus.codes;
export type HostAgreementStatus = (typeof HOST_AGREEMENT_STATUSES)[number];
export const HOST_AGREEMENT_STATUS_LABELS = agreementStatus.labels;

const menuStatus = codes({ preparing: '準備中', published: '公開', suspended: '休止', ended: '終了' });
export const MENU_STATUSES = menuStatus.codes;
export type MenuStatus = (typeof MENU_STATUSES)[number];
export const MENU_STATUS_LABELS = menuStatus.labels;

/** Where an opportunity comes from: a registry community resource (kept fresh by events) or a host's own menu. */
const opportunitySource = codes({ 'registry-resource': '地域資源（レジストリ）', 'host-menu': '受入先メニュー' });
export const OPPORTUNITY_SOURCES = opportunitySource.codes;
export type OpportunitySource = (typeof OPPORTUNITY_SOURCES)[number];
export const OPPORTUNITY_SOURCE_LABELS = opportunitySource.labels;

/** Who a follow-up supports: 定着支援 for the person, 受入先支援 for the host, or both. */
const followUpSide = codes({ person: '本人（定着支援）', host: '受入先（受入先支援）', both: '双方' });
export const FOLLOW_UP_SIDES = followUpSide.codes;
export type FollowUpSide = (typeof FOLLOW_UP_SIDES)[number];
export const FOLLOW_UP_SIDE_LABELS = followUpSide.labels;

const followUpMethod = codes({ visit: '訪問', accompany: '同行', phone: '電話', interview: '面談', online: 'オンライン', other: 'その他' });
export const FOLLOW_UP_METHODS = followUpMethod.codes;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];
export const FOLLOW_UP_METHOD_LABELS = followUpMethod.labels;

const timeSlot = codes({ morning: '午前', afternoon: '午後', evening: '夜間' });
export const TIME_SLOTS = timeSlot.codes;
export type TimeSlot = (typeof TIME_SLOTS)[number];
export const TIME_SLOT_LABELS = timeSlot.labels;

/** How far the person can go (移動手段・範囲). */
const travelRange = codes({ 'home-district': '自宅の地区内', 'nearby-districts': '近隣・希望の地区まで', citywide: '市内どこでも' });
export const TRAVEL_RANGES = travelRange.codes;
export type TravelRange = (typeof TRAVEL_RANGES)[number];
export const TRAVEL_RANGE_LABELS = travelRange.labels;

const travelMeans = codes({ walk: '徒歩', bicycle: '自転車', 'public-transport': '公共交通', car: '自家用車', 'needs-transport': '送迎が必要' });
export const TRAVEL_MEANS = travelMeans.codes;
export type TravelMeans = (typeof TRAVEL_MEANS)[number];
export const TRAVEL_MEANS_LABELS = travelMeans.labels;

/** Physical load of an activity, and the most a person's health allows (体調). */
const physicalLoad = codes({ light: '軽い', moderate: 'ふつう', heavy: '重い' });
export const PHYSICAL_LOADS = physicalLoad.codes;
export type PhysicalLoad = (typeof PHYSICAL_LOADS)[number];
export const PHYSICAL_LOAD_LABELS = physicalLoad.labels;

/** 合理的配慮: what a person needs and a host offers. */
const accommodation = codes({
  'quiet-space': '静かな場所・休憩場所',
  'small-group': '少人数',
  'step-free': '段差なし・車いす可',
  transport: '送迎',
  companion: '支援者の付き添い可',
  'short-hours': '短時間・途中退出可',
  'written-instructions': '指示を文字で示す',
  'sign-language': '手話・筆談',
  'accessible-toilet': '多目的トイレ',
  'fixed-contact': '決まった担当者',
});
export const ACCOMMODATIONS = accommodation.codes;
export type Accommodation = (typeof ACCOMMODATIONS)[number];
export const ACCOMMODATION_LABELS = accommodation.labels;

/**
 * Hard constraints of the matching engine (libs/matching/engine): an opportunity failing one is never
 * suggested, and a need no opportunity passes is a menu gap (メニュー不足) recorded with these codes.
 */
const gapConstraint = codes({
  inactive: '休止・終了中',
  purpose: '目的に合う場がない',
  'host-accepts': '受入先が目的を受け入れていない',
  district: '移動できる範囲にない',
  schedule: '参加できる曜日・時間帯にない',
  capacity: '空きがない',
  fee: '費用が上限を超える',
  'physical-load': '体調に合わない負荷',
  'group-size': '人数が多すぎる（対人不安）',
  accommodation: '必要な配慮がない',
});
export const GAP_CONSTRAINTS = gapConstraint.codes;
export type GapConstraint = (typeof GAP_CONSTRAINTS)[number];
export const GAP_CONSTRAINT_LABELS = gapConstraint.labels;

/** Scoring factors of the engine; their weights are set per municipality. */
const scoreFactor = codes({
  purpose: '目的の一致',
  interest: '関心の一致',
  schedule: '参加できる日時',
  proximity: '近さ',
  accommodation: '配慮の充実',
  'group-size': '人数の少なさ',
  fee: '費用',
  'seats-left': '空きの余裕',
});
export const SCORE_FACTORS = scoreFactor.codes;
export type ScoreFactor = (typeof SCORE_FACTORS)[number];
export const SCORE_FACTOR_LABELS = scoreFactor.labels;

/** Every matching code table by name, for the console's i18n and for exports. */
export const MATCHING_CODE_TABLES = {
  participationPurpose: PARTICIPATION_PURPOSE_LABELS,
  needStatus: NEED_STATUS_LABELS,
  matchStatus: MATCH_STATUS_LABELS,
  matchEndReason: MATCH_END_REASON_LABELS,
  hostType: HOST_TYPE_LABELS,
  hostAgreementStatus: HOST_AGREEMENT_STATUS_LABELS,
  menuStatus: MENU_STATUS_LABELS,
  opportunitySource: OPPORTUNITY_SOURCE_LABELS,
  followUpSide: FOLLOW_UP_SIDE_LABELS,
  followUpMethod: FOLLOW_UP_METHOD_LABELS,
  timeSlot: TIME_SLOT_LABELS,
  travelRange: TRAVEL_RANGE_LABELS,
  travelMeans: TRAVEL_MEANS_LABELS,
  physicalLoad: PHYSICAL_LOAD_LABELS,
  accommodation: ACCOMMODATION_LABELS,
  gapConstraint: GAP_CONSTRAINT_LABELS,
  scoreFactor: SCORE_FACTOR_LABELS,
} as const;
