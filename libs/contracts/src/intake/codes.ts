import type { CodeTable } from '../registry/codes';

/**
 * Intake code tables (DOMAIN §7.0, §7.1): stable ASCII codes stored in the database and carried by
 * events, each with the Japanese label staff see. Codes never change once published; labels may.
 */
function codes<C extends string>(table: CodeTable<C>): { codes: readonly C[]; labels: CodeTable<C> } {
  return { codes: Object.keys(table) as C[], labels: table };
}

const sex = codes({ male: '男', female: '女', other: 'その他', unknown: '不明', 'not-answered': '回答しない' });
export const SEXES = sex.codes;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS = sex.labels;

const birthDatePrecision = codes({ day: '年月日', month: '年月', year: '年', 'era-only': '元号のみ', unknown: '不明' });
export const BIRTH_DATE_PRECISIONS = birthDatePrecision.codes;
export type BirthDatePrecision = (typeof BIRTH_DATE_PRECISIONS)[number];
export const BIRTH_DATE_PRECISION_LABELS = birthDatePrecision.labels;

const phoneType = codes({ home: '自宅', mobile: '携帯', work: '勤務先' });
export const PHONE_TYPES = phoneType.codes;
export type PhoneType = (typeof PHONE_TYPES)[number];
export const PHONE_TYPE_LABELS = phoneType.labels;

/** How far staff know who the person is: 未確認 — a name was given but not checked; 確認済 — checked (e.g. against 住基). */
const identityLevel = codes({ anonymous: '匿名', 'alias-only': '通称のみ', 'household-or-address-only': '世帯・住所のみ', unconfirmed: '未確認', confirmed: '確認済' });
export const IDENTITY_LEVELS = identityLevel.codes;
export type IdentityLevel = (typeof IDENTITY_LEVELS)[number];
export const IDENTITY_LEVEL_LABELS = identityLevel.labels;

/**
 * Protections a person is under (住基 DV等支援措置 and the like). `dv-address`: where the person lives (address,
 * district, a place description) is shown only to the roles each service allows and never leaves a service.
 */
const personProtection = codes({ 'dv-address': 'DV等支援措置（住所秘匿）' });
export const PERSON_PROTECTIONS = personProtection.codes;
export type PersonProtection = (typeof PERSON_PROTECTIONS)[number];
export const PERSON_PROTECTION_LABELS = personProtection.labels;

const relationToKey = codes({
  self: '本人',
  spouse: '配偶者',
  child: '子',
  'child-spouse': '子の配偶者',
  grandchild: '孫',
  father: '父',
  mother: '母',
  sibling: '兄弟姉妹',
  grandparent: '祖父母',
  cohabitant: '同居人',
  'other-relative': '親族その他',
  'non-relative': '非親族',
});
export const RELATIONS_TO_KEY = relationToKey.codes;
export type RelationToKey = (typeof RELATIONS_TO_KEY)[number];
export const RELATION_TO_KEY_LABELS = relationToKey.labels;

const careEdgeKind = codes({ care: '介護', childcare: '育児', 'financial-dependency': '経済的依存', watching: '見守り' });
export const CARE_EDGE_KINDS = careEdgeKind.codes;
export type CareEdgeKind = (typeof CARE_EDGE_KINDS)[number];
export const CARE_EDGE_KIND_LABELS = careEdgeKind.labels;

const consentScope = codes({
  'agency-sharing': '関係機関との情報共有',
  'jusou-meeting': '重層的支援会議での共有',
  'named-organization': '特定機関への提供',
  'participation-hosts': '参加支援受入先への提供',
  'photo-record-use': '写真・記録の利用',
});
export const CONSENT_SCOPES = consentScope.codes;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export const CONSENT_SCOPE_LABELS = consentScope.labels;

const consentMethod = codes({ signature: '署名', 'oral-recorded': '口頭（記録）', 'proxy-signature': '代理人署名', 'adult-guardian': '成年後見人' });
export const CONSENT_METHODS = consentMethod.codes;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_LABELS = consentMethod.labels;

const consentStatus = codes({ obtained: '取得', refused: '拒否', withdrawn: '撤回', 'unable-to-judge': '判断不能' });
export const CONSENT_STATUSES = consentStatus.codes;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_STATUS_LABELS = consentStatus.labels;

/** The legal basis a piece of information was obtained or is shared under (InfoItem basis, DOMAIN §7.0). */
const legalBasis = codes({
  consent: '本人同意',
  'support-meeting-106-6': '社福法106条の6支援会議',
  'mandatory-report': '虐待防止法等通報',
  'own-duty': '自機関所掌事務',
  'other-statute': '他法令（要対協等）',
  public: '公開情報',
});
export const LEGAL_BASES = legalBasis.codes;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const LEGAL_BASIS_LABELS = legalBasis.labels;

const consultationRoute = codes({
  'walk-in': '本人来所',
  phone: '電話',
  'email-web': 'メール・Web',
  'during-visit': '訪問時',
  family: '家族から',
  resident: '地域住民から',
  'welfare-commissioner': '民生委員・児童委員から',
  'agency-referral': '関係機関から紹介',
  'community-council': 'コミュニティ協議会・自治会から',
  'watch-agreement-business': '事業者（見守り協定）から',
  outreach: 'アウトリーチで把握',
  'support-meeting': '支援会議から',
  other: 'その他',
});
export const CONSULTATION_ROUTES = consultationRoute.codes;
export type ConsultationRoute = (typeof CONSULTATION_ROUTES)[number];
export const CONSULTATION_ROUTE_LABELS = consultationRoute.labels;

const consultantRelation = codes({ self: '本人', family: '家族', acquaintance: '知人', agency: '関係機関', other: 'その他' });
export const CONSULTANT_RELATIONS = consultantRelation.codes;
export type ConsultantRelation = (typeof CONSULTANT_RELATIONS)[number];
export const CONSULTANT_RELATION_LABELS = consultantRelation.labels;

const consultationCategory = codes({
  'health-disability': '病気・健康・障害',
  housing: '住まい',
  income: '収入・生活費',
  'rent-loan': '家賃・ローン',
  'tax-utilities': '税・公共料金',
  debt: '債務',
  'job-search': '仕事探し・就職',
  'work-trouble': '仕事上の不安・トラブル',
  community: '地域との関係',
  family: '家族との関係',
  childcare: '子育て',
  'long-term-care': '介護',
  'hikikomori-school-refusal': 'ひきこもり・不登校',
  'dv-abuse': 'DV・虐待',
  'no-food': '食べるものがない',
  other: 'その他',
});
export const CONSULTATION_CATEGORIES = consultationCategory.codes;
export type ConsultationCategory = (typeof CONSULTATION_CATEGORIES)[number];
export const CONSULTATION_CATEGORY_LABELS = consultationCategory.labels;

const issueTag = codes({
  '8050': '8050',
  'double-care': 'ダブルケア',
  hikikomori: 'ひきこもり',
  'young-carer': 'ヤングケアラー',
  'financial-hardship': '生活困窮',
  isolation: '孤独・孤立',
  'hoarding-self-neglect': 'ごみ屋敷・セルフネグレクト',
  'elder-abuse-suspected': '高齢者虐待疑い',
  'disability-abuse-suspected': '障害者虐待疑い',
  'child-abuse-suspected': '児童虐待疑い',
  dv: 'DV',
  dementia: '認知症',
  'mental-health': '精神保健',
  'suicide-risk': '自殺リスク',
  'housing-instability': '住まいの不安定',
  'foreign-language': '外国籍・言語',
  'no-relatives': '身寄りなし',
  other: 'その他',
});
export const ISSUE_TAGS = issueTag.codes;
export type IssueTag = (typeof ISSUE_TAGS)[number];
export const ISSUE_TAG_LABELS = issueTag.labels;

const urgency = codes({ emergency: '緊急', high: '高', medium: '中', low: '低' });
export const URGENCIES = urgency.codes;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS = urgency.labels;

const consultationConsent = codes({ given: '同意あり', 'not-given': '同意なし', unconfirmed: '未確認' });
export const CONSULTATION_CONSENT_STATUSES = consultationConsent.codes;
export type ConsultationConsentStatus = (typeof CONSULTATION_CONSENT_STATUSES)[number];
export const CONSULTATION_CONSENT_STATUS_LABELS = consultationConsent.labels;

/** The 事業 a consultation is counted under for 第1号 reporting. */
const jigyoAttribution = codes({
  'long-term-care': '介護',
  disability: '障害',
  children: '子ども',
  'financial-hardship': '困窮',
  'tsunagaru-desk': 'つながる福祉相談窓口',
  other: 'その他',
});
export const JIGYO_ATTRIBUTIONS = jigyoAttribution.codes;
export type JigyoAttribution = (typeof JIGYO_ATTRIBUTIONS)[number];
export const JIGYO_ATTRIBUTION_LABELS = jigyoAttribution.labels;

const disposition = codes({
  'own-agency': '自機関で対応',
  referral: '他機関へつなぎ',
  'multi-agency': '多機関協働へ',
  'support-meeting': '支援会議へ付議',
  'information-only': '情報提供のみ終了',
  'mandatory-report': '通報',
});
export const DISPOSITIONS = disposition.codes;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITION_LABELS = disposition.labels;

const consultationStatus = codes({
  received: '受付',
  screening: 'スクリーニング中',
  handling: '自機関対応中',
  closed: '終了',
  referred: 'つなぎ済',
  'handed-to-multi-agency': '多機関協働へ引継',
  'referred-to-support-meeting': '支援会議付議',
  reported: '通報済',
  cancelled: '取消',
});
export const CONSULTATION_STATUSES = consultationStatus.codes;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
export const CONSULTATION_STATUS_LABELS = consultationStatus.labels;

const abuseLaw = codes({
  'elder-abuse-prevention-act': '高齢者虐待防止法',
  'disability-abuse-prevention-act': '障害者虐待防止法',
  'child-abuse-prevention-act': '児童虐待防止法',
  'spousal-violence-prevention-act': '配偶者暴力防止法',
});
export const ABUSE_LAWS = abuseLaw.codes;
export type AbuseLaw = (typeof ABUSE_LAWS)[number];
export const ABUSE_LAW_LABELS = abuseLaw.labels;

/** Issue tags that open a 通報 (mandatory-report) record, and the law that imposes the duty. */
export const ABUSE_TAG_LAWS: Readonly<Partial<Record<IssueTag, AbuseLaw>>> = {
  'elder-abuse-suspected': 'elder-abuse-prevention-act',
  'disability-abuse-suspected': 'disability-abuse-prevention-act',
  'child-abuse-suspected': 'child-abuse-prevention-act',
  dv: 'spousal-violence-prevention-act',
};

const mandatoryReportStatus = codes({ 'decision-pending': '通報要否判断中', reported: '通報済', 'not-required': '通報不要' });
export const MANDATORY_REPORT_STATUSES = mandatoryReportStatus.codes;
export type MandatoryReportStatus = (typeof MANDATORY_REPORT_STATUSES)[number];
export const MANDATORY_REPORT_STATUS_LABELS = mandatoryReportStatus.labels;

const referralStatus = codes({ requested: '依頼', accepted: '受理', declined: '不受理', completed: '完了（初回接触確認）', failed: '不調' });
export const REFERRAL_STATUSES = referralStatus.codes;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABELS = referralStatus.labels;

/**
 * Why a referral was declined (不受理) or did not lead to contact (不調): a code, so reporting can count it; a
 * free-text note is required with `other` and stays in intake.
 */
const referralReason = codes({
  'not-eligible': '対象外',
  'no-capacity': '受入枠なし',
  'person-declined': '本人辞退',
  unreachable: '連絡不能',
  other: 'その他',
});
export const REFERRAL_REASONS = referralReason.codes;
export type ReferralReason = (typeof REFERRAL_REASONS)[number];
export const REFERRAL_REASON_LABELS = referralReason.labels;

export const INTAKE_CODE_TABLES = {
  sex: SEX_LABELS,
  birthDatePrecision: BIRTH_DATE_PRECISION_LABELS,
  phoneType: PHONE_TYPE_LABELS,
  identityLevel: IDENTITY_LEVEL_LABELS,
  personProtection: PERSON_PROTECTION_LABELS,
  relationToKey: RELATION_TO_KEY_LABELS,
  careEdgeKind: CARE_EDGE_KIND_LABELS,
  consentScope: CONSENT_SCOPE_LABELS,
  consentMethod: CONSENT_METHOD_LABELS,
  consentStatus: CONSENT_STATUS_LABELS,
  legalBasis: LEGAL_BASIS_LABELS,
  consultationRoute: CONSULTATION_ROUTE_LABELS,
  consultantRelation: CONSULTANT_RELATION_LABELS,
  consultationCategory: CONSULTATION_CATEGORY_LABELS,
  issueTag: ISSUE_TAG_LABELS,
  urgency: URGENCY_LABELS,
  consultationConsentStatus: CONSULTATION_CONSENT_STATUS_LABELS,
  jigyoAttribution: JIGYO_ATTRIBUTION_LABELS,
  disposition: DISPOSITION_LABELS,
  consultationStatus: CONSULTATION_STATUS_LABELS,
  abuseLaw: ABUSE_LAW_LABELS,
  mandatoryReportStatus: MANDATORY_REPORT_STATUS_LABELS,
  referralStatus: REFERRAL_STATUS_LABELS,
  referralReason: REFERRAL_REASON_LABELS,
} as const;
