/**
 * Registry code tables: stable ASCII codes stored in databases, events and exports, each with the
 * Japanese label staff see (console i18n, CSV headers and cells, HSDS taxonomy terms).
 * Codes never change once published; labels may be reworded. DOMAIN.md §7.0 and §7.4.
 */
export type CodeTable<C extends string> = Readonly<Record<C, string>>;

function codes<C extends string>(table: CodeTable<C>): { codes: readonly C[]; labels: CodeTable<C> } {
  return { codes: Object.keys(table) as C[], labels: table };
}

const resourceCategory = codes({
  'visit-type-a': '訪問型サービスA',
  'visit-type-b': '訪問型サービスB',
  'visit-type-c': '訪問型サービスC',
  'visit-type-d': '訪問型サービスD（移動支援）',
  'day-type-a': '通所型サービスA',
  'day-type-b': '通所型サービスB',
  'day-type-c': '通所型サービスC',
  'gathering-place': '通いの場（一般介護予防）',
  salon: 'サロン',
  'kodomo-shokudo': '子ども食堂',
  ibasho: '居場所',
  watching: '見守り活動',
  'meal-delivery': '配食',
  'mobility-shopping': '移動・買い物支援',
  'membership-mutual-aid': '会員制助け合い',
  'childcare-support': '子育てサポート・託児',
  'talent-bank': '人材バンク',
  other: 'その他',
});
export const RESOURCE_CATEGORIES = resourceCategory.codes;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];
export const RESOURCE_CATEGORY_LABELS = resourceCategory.labels;

const insuranceScheme = codes({
  'comprehensive-programme': '総合事業',
  'non-insurance': '介護保険外',
  'jusou-community': '重層地域づくり',
  'kyojo-foundation': '共助の基盤づくり事業',
  independent: '自主',
});
export const INSURANCE_SCHEMES = insuranceScheme.codes;
export type InsuranceScheme = (typeof INSURANCE_SCHEMES)[number];
export const INSURANCE_SCHEME_LABELS = insuranceScheme.labels;

const activity = codes({
  rubbish: 'ゴミ出し',
  weeding: '草抜き',
  cleaning: '掃除',
  'battery-bulb': '電池・電球交換',
  shopping: '買い物代行',
  exercise: '体操・運動',
  hobby: '趣味活動',
  social: '交流活動',
  meals: '食事',
  'study-support': '学習支援',
  consultation: '相談',
  other: 'その他',
});
export const RESOURCE_ACTIVITIES = activity.codes;
export type ResourceActivity = (typeof RESOURCE_ACTIVITIES)[number];
export const RESOURCE_ACTIVITY_LABELS = activity.labels;

const eligibility = codes({
  'comprehensive-programme-user': '総合事業対象者',
  elderly: '高齢者',
  anyone: '誰でも',
  'child-rearing-households': '子育て世帯',
  other: 'その他',
});
export const RESOURCE_ELIGIBILITIES = eligibility.codes;
export type ResourceEligibility = (typeof RESOURCE_ELIGIBILITIES)[number];
export const RESOURCE_ELIGIBILITY_LABELS = eligibility.labels;

const resourceStatus = codes({
  preparing: '準備中',
  active: '実施中',
  suspended: '休止',
  retired: '廃止',
});
export const RESOURCE_STATUSES = resourceStatus.codes;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];
export const RESOURCE_STATUS_LABELS = resourceStatus.labels;

/** Days of the week in RFC 5545 order (HSDS `byday` uses the same two letters, upper-cased). */
const weekday = codes({ mo: '月', tu: '火', we: '水', th: '木', fr: '金', sa: '土', su: '日' });
export const WEEKDAYS = weekday.codes;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS = weekday.labels;

const scheduleFrequency = codes({ weekly: '毎週', monthly: '毎月' });
export const SCHEDULE_FREQUENCIES = scheduleFrequency.codes;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];
export const SCHEDULE_FREQUENCY_LABELS = scheduleFrequency.labels;

const organizationType = codes({
  'community-care-centre': '地域包括支援センター',
  'disability-consultation': '障害者相談支援事業所',
  'core-disability-centre': '基幹相談支援センター',
  'user-support-provider': '利用者支援事業実施機関',
  'child-family-centre': 'こども家庭センター',
  'self-reliance-support': '自立相談支援機関',
  'municipal-swc': '市社会福祉協議会',
  'district-swc': '地区社会福祉協議会',
  'welfare-office': '福祉事務所',
  'health-centre': '保健センター',
  'public-health-centre': '保健所',
  'child-guidance-centre': '児童相談所',
  school: '学校',
  'board-of-education': '教育委員会',
  medical: '医療機関',
  'hello-work': 'ハローワーク',
  police: '警察',
  'housing-support-corporation': '居住支援法人',
  'welfare-commissioners-council': '民生委員児童委員協議会',
  'community-council': '地域コミュニティ協議会',
  'neighbourhood-association': '自治会',
  npo: 'NPO',
  company: '企業',
  'municipal-division': '行政課',
  other: 'その他',
});
export const ORGANIZATION_TYPES = organizationType.codes;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];
export const ORGANIZATION_TYPE_LABELS = organizationType.labels;

const organizationField = codes({
  care: '介護',
  disability: '障害',
  children: '子ども',
  poverty: '困窮',
  'health-medical': '保健医療',
  education: '教育',
  employment: '就労',
  housing: '住まい',
  justice: '司法',
  other: 'その他',
});
export const ORGANIZATION_FIELDS = organizationField.codes;
export type OrganizationField = (typeof ORGANIZATION_FIELDS)[number];
export const ORGANIZATION_FIELD_LABELS = organizationField.labels;

const jusouRole = codes({
  'comprehensive-consultation': '包括的相談支援',
  'multi-agency': '多機関協働',
  outreach: 'アウトリーチ',
  participation: '参加支援',
  'community-building': '地域づくり',
});
export const JUSOU_ROLES = jusouRole.codes;
export type JusouRole = (typeof JUSOU_ROLES)[number];
export const JUSOU_ROLE_LABELS = jusouRole.labels;

const operation = codes({ direct: '直営', contracted: '委託', subsidised: '補助', cooperating: '協力' });
export const ORGANIZATION_OPERATIONS = operation.codes;
export type OrganizationOperation = (typeof ORGANIZATION_OPERATIONS)[number];
export const ORGANIZATION_OPERATION_LABELS = operation.labels;

const areaGroup = codes({
  honcho: '本庁',
  'former-shionoe': '旧塩江町',
  'former-mure': '旧牟礼町',
  'former-aji': '旧庵治町',
  'former-kagawa': '旧香川町',
  'former-konan': '旧香南町',
  'former-kokubunji': '旧国分寺町',
  other: 'その他',
});
export const AREA_GROUPS = areaGroup.codes;
export type AreaGroup = (typeof AREA_GROUPS)[number];
export const AREA_GROUP_LABELS = areaGroup.labels;

const coordinatorLayer = codes({ '1': '第1層', '2': '第2層', '3': '第3層' });
export const COORDINATOR_LAYERS = [1, 2, 3] as const;
export type CoordinatorLayer = (typeof COORDINATOR_LAYERS)[number];
export const COORDINATOR_LAYER_LABELS = coordinatorLayer.labels;

export const COUNCIL_LAYERS = [1, 2] as const;
export type CouncilLayer = (typeof COUNCIL_LAYERS)[number];
export const COUNCIL_LAYER_LABELS: Readonly<Record<`${CouncilLayer}`, string>> = {
  '1': '第1層協議体',
  '2': '第2層協議体（地域福祉ネットワーク会議）',
};

const councilStatus = codes({ preparing: '準備中', established: '設置済', suspended: '休止' });
export const COUNCIL_STATUSES = councilStatus.codes;
export type CouncilStatus = (typeof COUNCIL_STATUSES)[number];
export const COUNCIL_STATUS_LABELS = councilStatus.labels;

/** Every registry code table by name, for the console's i18n and for exports. */
export const REGISTRY_CODE_TABLES = {
  resourceCategory: RESOURCE_CATEGORY_LABELS,
  insuranceScheme: INSURANCE_SCHEME_LABELS,
  resourceActivity: RESOURCE_ACTIVITY_LABELS,
  resourceEligibility: RESOURCE_ELIGIBILITY_LABELS,
  resourceStatus: RESOURCE_STATUS_LABELS,
  weekday: WEEKDAY_LABELS,
  scheduleFrequency: SCHEDULE_FREQUENCY_LABELS,
  organizationType: ORGANIZATION_TYPE_LABELS,
  organizationField: ORGANIZATION_FIELD_LABELS,
  jusouRole: JUSOU_ROLE_LABELS,
  organizationOperation: ORGANIZATION_OPERATION_LABELS,
  areaGroup: AREA_GROUP_LABELS,
  coordinatorLayer: COORDINATOR_LAYER_LABELS,
  councilLayer: COUNCIL_LAYER_LABELS,
  councilStatus: COUNCIL_STATUS_LABELS,
} as const;
export type RegistryCodeTable = keyof typeof REGISTRY_CODE_TABLES;

/** Finds the code for a Japanese label or accepts the code itself (CSV cells may hold either). */
export function codeFromLabel<C extends string>(table: CodeTable<C>, value: string): C | undefined {
  const trimmed = value.trim();
  if (Object.prototype.hasOwnProperty.call(table, trimmed)) return trimmed as C;
  const entry = Object.entries(table).find(([, label]) => label === trimmed);
  return entry?.[0] as C | undefined;
}
