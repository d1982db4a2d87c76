import {
  CASE_STATUS_LABELS,
  CASE_TRACK_LABELS,
  CLOSURE_REASON_LABELS,
  CONSENT_METHOD_LABELS,
  CONSENT_SCOPE_LABELS,
  CONSENT_STATUS_LABELS,
  CONSULTANT_RELATION_LABELS,
  CONSULTATION_CATEGORY_LABELS,
  CONSULTATION_CONSENT_STATUS_LABELS,
  CONSULTATION_ROUTE_LABELS,
  IDENTITY_LEVEL_LABELS,
  ISSUE_TAG_LABELS,
  JIGYO_ATTRIBUTION_LABELS,
  LEGAL_BASIS_LABELS,
  PLAN_STATUS_LABELS,
  REFERRAL_REASON_LABELS,
  REFERRAL_STATUS_LABELS,
  RELATION_TO_KEY_LABELS,
  SEX_LABELS,
  URGENCY_LABELS,
} from '@tsunagu/contracts';
import { importLabels, type ImportTemplate as BaseImportTemplate } from '@tsunagu/platform-import';
import { REFERRAL_BASES } from '../referrals/referral.dto';

/** Record types intake imports (outreach imports its targets and contacts itself). */
export const IMPORT_RECORD_TYPES = ['persons', 'households', 'consultations', 'consents', 'referrals', 'cases', 'plans'] as const;
export type ImportRecordType = (typeof IMPORT_RECORD_TYPES)[number];

export type ImportTemplate = BaseImportTemplate<ImportRecordType>;

const labels = importLabels;

export const PERSON_TEMPLATE: ImportTemplate = {
  type: 'persons',
  label: '対象者',
  sourceColumn: 'sourceId',
  references: [],
  columns: [
    { key: 'sourceId', header: '管理番号', aliases: ['レコード番号', '個人番号（旧システム）'], required: true, description: '旧システムの対象者の番号（取込み済みなら読み飛ばします）' },
    { key: 'familyName', header: '氏名（姓）', aliases: ['姓'], description: '姓（外字は標準の文字で）' },
    { key: 'givenName', header: '氏名（名）', aliases: ['名'], description: '名' },
    { key: 'familyNameKana', header: 'フリガナ（セイ）', aliases: ['セイ'], description: 'セイ（全角・半角カナ、ひらがな可）。姓かセイのどちらかは必須' },
    { key: 'givenNameKana', header: 'フリガナ（メイ）', aliases: ['メイ'], description: 'メイ' },
    { key: 'aliasName', header: '通称', description: '氏名がわからない人の呼び名' },
    { key: 'formerName', header: '旧姓', description: '' },
    { key: 'birthDate', header: '生年月日', description: '和暦（令和6年4月1日、R6.4.1）または西暦（2024-04-01）。未来の日付は不可' },
    { key: 'sex', header: '性別', description: labels(SEX_LABELS) },
    { key: 'postalCode', header: '郵便番号', description: '7桁（ハイフン可）' },
    { key: 'prefecture', header: '都道府県', description: '' },
    { key: 'municipalityName', header: '市区町村', description: '' },
    { key: 'machiaza', header: '町字', description: '大字・町名・丁目' },
    { key: 'banchi', header: '番地', description: '番地・号' },
    { key: 'building', header: '方書', description: '建物名・部屋番号' },
    { key: 'addressRaw', header: '住所（原文）', description: '分けられない住所はここにそのまま' },
    { key: 'phoneHome', header: '電話番号（自宅）', description: '' },
    { key: 'phoneMobile', header: '電話番号（携帯）', description: '' },
    { key: 'phoneWork', header: '電話番号（勤務先）', description: '' },
    { key: 'email', header: 'メールアドレス', description: '' },
    { key: 'dvAddressProtection', header: 'DV等支援措置', description: 'あり／なし（ありなら住所を見せる職員を限ります）' },
    { key: 'identityLevel', header: '本人確認', description: `${labels(IDENTITY_LEVEL_LABELS)}（空欄は未確認）` },
    { key: 'deceasedOn', header: '死亡日', description: '和暦または西暦' },
  ],
  fieldColumns: {
    familyName: 'familyName',
    givenName: 'givenName',
    familyNameKana: 'familyNameKana',
    givenNameKana: 'givenNameKana',
    aliasName: 'aliasName',
    formerName: 'formerName',
    birthDate: 'birthDate',
    birthDatePrecision: 'birthDate',
    sex: 'sex',
    'address.postalCode': 'postalCode',
    'address.prefecture': 'prefecture',
    'address.municipalityName': 'municipalityName',
    'address.machiaza': 'machiaza',
    'address.banchi': 'banchi',
    'address.building': 'building',
    address: 'addressRaw',
    addressRaw: 'addressRaw',
    phones: 'phoneMobile',
    email: 'email',
    dvAddressProtection: 'dvAddressProtection',
    identityLevel: 'identityLevel',
    deceasedOn: 'deceasedOn',
  },
};

export const HOUSEHOLD_TEMPLATE: ImportTemplate = {
  type: 'households',
  label: '世帯（世帯員・続柄）',
  sourceColumn: 'sourceId',
  references: ['persons'],
  columns: [
    { key: 'sourceId', header: '世帯管理番号', aliases: ['世帯番号（旧システム）'], required: true, description: '旧システムの世帯の番号。世帯員ごとに1行、同じ番号を繰り返します' },
    { key: 'label', header: '世帯名', description: '例: 山田家（世帯の最初の行に）' },
    { key: 'memberSourceId', header: '世帯員の管理番号', required: true, description: '取込み済みの対象者の管理番号' },
    { key: 'relationToKey', header: '続柄', required: true, description: `世帯主（キーパーソン）から見た続柄: ${labels(RELATION_TO_KEY_LABELS)}。「本人」の人がキーパーソン` },
    { key: 'cohabiting', header: '同居', description: 'あり／なし（空欄はあり）' },
    { key: 'mainCarer', header: '主たる介護者', description: 'あり／なし（空欄はなし）' },
    { key: 'jukiSetaiNumbers', header: '住基世帯番号', description: '「、」区切りで複数可' },
  ],
  fieldColumns: {
    label: 'label',
    keyPersonId: 'relationToKey',
    members: 'memberSourceId',
    jukiSetaiNumbers: 'jukiSetaiNumbers',
    districtId: 'label',
  },
};

export const CONSULTATION_TEMPLATE: ImportTemplate = {
  type: 'consultations',
  label: '相談受付',
  sourceColumn: 'sourceId',
  references: ['persons'],
  columns: [
    { key: 'sourceId', header: '相談管理番号', aliases: ['受付番号（旧システム）'], required: true, description: '旧システムの相談の番号（受付番号は新しく採番します）' },
    { key: 'receivedOn', header: '受付日', required: true, description: '和暦または西暦。未来の日付は不可' },
    { key: 'personSourceId', header: '対象者の管理番号', description: '取込み済みの対象者の管理番号（匿名の相談は空欄）' },
    { key: 'route', header: '相談経路', required: true, description: labels(CONSULTATION_ROUTE_LABELS) },
    { key: 'consultantRelation', header: '来談者', required: true, description: labels(CONSULTANT_RELATION_LABELS) },
    { key: 'consultantRelationDetail', header: '来談者の続柄', description: '例: 長女' },
    { key: 'categories', header: '相談内容', required: true, description: `「、」区切り: ${labels(CONSULTATION_CATEGORY_LABELS)}` },
    { key: 'primaryCategory', header: '主たる相談内容', required: true, description: '相談内容のうち一つ' },
    { key: 'issueTags', header: '課題タグ', description: `「、」区切り: ${labels(ISSUE_TAG_LABELS)}` },
    { key: 'mainComplaint', header: '主訴', description: '本人の言葉で（8000字まで）' },
    { key: 'urgency', header: '緊急度', required: true, description: labels(URGENCY_LABELS) },
    { key: 'consentStatus', header: '情報共有の同意', required: true, description: labels(CONSULTATION_CONSENT_STATUS_LABELS) },
    { key: 'jigyoAttribution', header: '計上事業', required: true, description: labels(JIGYO_ATTRIBUTION_LABELS) },
  ],
  fieldColumns: {
    receivedAt: 'receivedOn',
    personId: 'personSourceId',
    householdId: 'personSourceId',
    route: 'route',
    consultantRelation: 'consultantRelation',
    consultantRelationDetail: 'consultantRelationDetail',
    categories: 'categories',
    primaryCategory: 'primaryCategory',
    issueTags: 'issueTags',
    mainComplaint: 'mainComplaint',
    urgency: 'urgency',
    consentStatus: 'consentStatus',
    jigyoAttribution: 'jigyoAttribution',
    receivingOrganizationId: 'sourceId',
    referrerOrganizationId: 'route',
  },
};

/** Organisations are named by their registry id (機関ID, in the console's 関係機関 list): intake keeps no names. */
const ORGANIZATION_ID = '関係機関の機関ID（コンソールの機関一覧）';

export const CONSENT_TEMPLATE: ImportTemplate = {
  type: 'consents',
  label: '同意',
  sourceColumn: 'sourceId',
  references: ['persons'],
  columns: [
    { key: 'sourceId', header: '同意管理番号', aliases: ['同意番号（旧システム）'], required: true, description: '旧システムの同意の記録の番号' },
    { key: 'personSourceId', header: '対象者の管理番号', required: true, description: '取込み済みの対象者の管理番号（または登録済みの対象者ID）' },
    { key: 'scope', header: '同意の範囲', required: true, description: labels(CONSENT_SCOPE_LABELS) },
    { key: 'targetOrganizationIds', header: '対象機関', description: `「、」区切りの${ORGANIZATION_ID}。特定機関への提供では必須、関係機関との情報共有で空欄はすべての機関` },
    { key: 'method', header: '取得方法', required: true, description: labels(CONSENT_METHOD_LABELS) },
    { key: 'obtainedOn', header: '取得日', required: true, description: '和暦または西暦' },
    { key: 'obtainedByOrganizationId', header: '取得した機関', description: `${ORGANIZATION_ID}（空欄は取り込む人の機関）` },
    { key: 'status', header: '状態', required: true, description: `${labels(CONSENT_STATUS_LABELS)}（撤回は取得として記録してから撤回します）` },
    { key: 'withdrawnOn', header: '撤回日', description: '状態が撤回のときに必須。取得日から今日まで' },
    { key: 'withdrawalReason', header: '撤回の理由', description: '1000字まで' },
    { key: 'documentRef', header: '同意書の保管場所', description: '文書番号・簿冊など（200字まで）' },
  ],
  fieldColumns: {
    personId: 'personSourceId',
    scope: 'scope',
    targetOrganizationIds: 'targetOrganizationIds',
    method: 'method',
    status: 'status',
    obtainedAt: 'obtainedOn',
    obtainedByOrganizationId: 'obtainedByOrganizationId',
    documentRef: 'documentRef',
    withdrawnAt: 'withdrawnOn',
    reason: 'withdrawalReason',
  },
};

export const REFERRAL_TEMPLATE: ImportTemplate = {
  type: 'referrals',
  label: 'つなぎ',
  sourceColumn: 'sourceId',
  references: ['consultations'],
  columns: [
    { key: 'sourceId', header: 'つなぎ管理番号', aliases: ['つなぎ番号（旧システム）'], required: true, description: '旧システムのつなぎの番号' },
    { key: 'consultationSourceId', header: '相談管理番号', required: true, description: '取込み済みの相談の管理番号（つなぎは相談から行います）' },
    { key: 'fromOrganizationId', header: 'つなぎ元機関', description: `${ORGANIZATION_ID}（空欄は相談を受け付けた機関）` },
    { key: 'toOrganizationId', header: 'つなぎ先機関', required: true, description: ORGANIZATION_ID },
    { key: 'referredOn', header: 'つなぎ日', required: true, description: '和暦または西暦。未来の日付は不可' },
    { key: 'accompanied', header: '同行', description: 'あり／なし（空欄はなし）' },
    { key: 'infoBasis', header: '情報提供の根拠', required: true, description: `${REFERRAL_BASES.map((basis) => LEGAL_BASIS_LABELS[basis]).join('／')}。本人同意は同意を先に取り込み、106条の6は根拠の会議が必須` },
    { key: 'basisNote', header: '根拠の会議', description: '106条の6の支援会議による場合、その会議（1000字まで）' },
    { key: 'requestNote', header: '依頼内容', description: '4000字まで' },
    { key: 'status', header: '状態', description: `${labels(REFERRAL_STATUS_LABELS)}（空欄は依頼）。受理・完了・不調は受理を経て記録します` },
    { key: 'reasonCode', header: '理由', description: `不受理・不調のとき必須: ${labels(REFERRAL_REASON_LABELS)}` },
    { key: 'note', header: '回答の補足', description: '理由が「その他」のとき必須（4000字まで）' },
    { key: 'firstContactOn', header: '初回接触日', description: '完了のとき（空欄は今日）。つなぎ日から今日まで' },
  ],
  fieldColumns: {
    consultationId: 'consultationSourceId',
    fromOrganizationId: 'fromOrganizationId',
    toOrganizationId: 'toOrganizationId',
    referredOn: 'referredOn',
    accompanied: 'accompanied',
    infoBasis: 'infoBasis',
    basisNote: 'basisNote',
    requestNote: 'requestNote',
    reasonCode: 'reasonCode',
    note: 'note',
    firstContactOn: 'firstContactOn',
  },
};

/** Case states an import reaches through the API's transitions; the rest need a held 重層的支援会議 (docs/operations/import.md). */
export const IMPORTABLE_CASE_STATUSES = ['potential', 'received', 'assessing', 'planning', 'closed'] as const;

export const CASE_TEMPLATE: ImportTemplate = {
  type: 'cases',
  label: '多機関協働ケース',
  sourceColumn: 'sourceId',
  references: ['persons', 'households', 'consultations'],
  columns: [
    { key: 'sourceId', header: 'ケース管理番号', aliases: ['ケース番号（旧システム）'], required: true, description: '旧システムのケースの番号（ケース番号は開始日の年度で新しく採番します）' },
    { key: 'householdSourceId', header: '世帯管理番号', required: true, description: '取込み済みの世帯の管理番号' },
    { key: 'keyPersonSourceId', header: 'キーパーソンの管理番号', required: true, description: '取込み済みの対象者の管理番号（その世帯の世帯員）' },
    { key: 'consultationSourceId', header: '相談管理番号', description: 'ケースのもとになった取込み済みの相談' },
    { key: 'track', header: 'トラック', required: true, description: `${labels(CASE_TRACK_LABELS)}（重層は本人の「重層的支援会議での共有」の同意を先に取り込みます）` },
    { key: 'status', header: '状態', required: true, description: `${labels(CASE_STATUS_LABELS)}。会議審議中より先の状態はプラン作成中として取り込みます（会議の記録がないため）` },
    { key: 'coordinatorOrganizationId', header: '多機関協働事業者', required: true, description: ORGANIZATION_ID },
    { key: 'memberOrganizationIds', header: '参加機関', description: `「、」区切りの${ORGANIZATION_ID}` },
    { key: 'openedOn', header: '開始日', required: true, description: '和暦または西暦。未来の日付は不可' },
    { key: 'closedOn', header: '終結日', description: '状態が終結のとき必須' },
    { key: 'closureReason', header: '終結理由', description: `状態が終結のとき必須: ${labels(CLOSURE_REASON_LABELS)}` },
    { key: 'closureNote', header: '終結の補足', description: '2000字まで' },
  ],
  fieldColumns: {
    householdId: 'householdSourceId',
    keyPersonId: 'keyPersonSourceId',
    consultationId: 'consultationSourceId',
    track: 'track',
    coordinatorOrganizationId: 'coordinatorOrganizationId',
    memberOrganizationIds: 'memberOrganizationIds',
    openedOn: 'openedOn',
    closedOn: 'closedOn',
    reason: 'closureReason',
    note: 'closureNote',
  },
};

export const PLAN_TEMPLATE: ImportTemplate = {
  type: 'plans',
  label: '支援プラン',
  sourceColumn: 'sourceId',
  references: ['cases'],
  columns: [
    { key: 'sourceId', header: 'プラン管理番号', aliases: ['プラン番号（旧システム）'], required: true, description: '旧システムのプランの番号' },
    { key: 'caseSourceId', header: 'ケース管理番号', required: true, description: '取込み済みのケースの管理番号（アセスメント中かプラン作成中のケース）' },
    { key: 'planVersion', header: '版', required: true, description: 'ケースごとの版（1、2、…）。版の順に取り込み、続き番号で採番します' },
    { key: 'wishes', header: '本人・世帯の意向', description: '4000字まで' },
    { key: 'issueSummary', header: '課題整理', description: '4000字まで' },
    { key: 'overallDirection', header: '支援の方向性', description: '4000字まで' },
    { key: 'longGoals', header: '長期目標', description: '目標ごとに改行（または「；」）で区切ります' },
    { key: 'shortGoals', header: '短期目標', description: '目標ごとに改行（または「；」）で区切ります' },
    { key: 'status', header: '状態', description: `${labels(PLAN_STATUS_LABELS)}。下書き以外は下書きとして取り込みます（承認には開催済みの重層的支援会議が要るため）` },
  ],
  fieldColumns: {
    caseId: 'caseSourceId',
    wishes: 'wishes',
    issueSummary: 'issueSummary',
    overallDirection: 'overallDirection',
    goals: 'longGoals',
  },
};

export const IMPORT_TEMPLATES: Readonly<Record<ImportRecordType, ImportTemplate>> = {
  persons: PERSON_TEMPLATE,
  households: HOUSEHOLD_TEMPLATE,
  consultations: CONSULTATION_TEMPLATE,
  consents: CONSENT_TEMPLATE,
  referrals: REFERRAL_TEMPLATE,
  cases: CASE_TEMPLATE,
  plans: PLAN_TEMPLATE,
};

/** The template column a field of a refusal came from: the longest matching field prefix, else the source id column. */
export function columnOfField(template: ImportTemplate, field: string, overrides: Readonly<Record<string, string>> = {}): string {
  const table = { ...template.fieldColumns, ...overrides };
  const parts = field.split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const column = table[parts.slice(0, length).join('.')];
    if (column) return column;
  }
  return template.sourceColumn;
}
