import {
  CONSULTANT_RELATION_LABELS,
  CONSULTATION_CATEGORY_LABELS,
  CONSULTATION_CONSENT_STATUS_LABELS,
  CONSULTATION_ROUTE_LABELS,
  IDENTITY_LEVEL_LABELS,
  ISSUE_TAG_LABELS,
  JIGYO_ATTRIBUTION_LABELS,
  RELATION_TO_KEY_LABELS,
  SEX_LABELS,
  URGENCY_LABELS,
} from '@tsunagu/contracts';
import type { ImportColumn } from './import-row';

/** Record types intake imports (outreach imports its targets and contacts itself). */
export const IMPORT_RECORD_TYPES = ['persons', 'households', 'consultations'] as const;
export type ImportRecordType = (typeof IMPORT_RECORD_TYPES)[number];

export interface ImportTemplate {
  type: ImportRecordType;
  /** What staff call it. */
  label: string;
  columns: readonly ImportColumn[];
  /** The column holding the old system's id. */
  sourceColumn: string;
  /** A field the domain names in a refusal (its first path segment) → the column it came from. */
  fieldColumns: Readonly<Record<string, string>>;
  /** Record types whose source ids this one's rows name. */
  references: readonly ImportRecordType[];
}

const labels = (table: Readonly<Record<string, string>>): string => Object.values(table).join('／');

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

export const IMPORT_TEMPLATES: Readonly<Record<ImportRecordType, ImportTemplate>> = {
  persons: PERSON_TEMPLATE,
  households: HOUSEHOLD_TEMPLATE,
  consultations: CONSULTATION_TEMPLATE,
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
