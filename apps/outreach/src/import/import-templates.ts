import {
  CONTACT_METHOD_LABELS,
  CONTACT_RESULT_LABELS,
  DISCOVERY_ROUTE_LABELS,
  ISSUE_TAG_LABELS,
  LEGAL_BASIS_LABELS,
  OBSERVATION_CODE_LABELS,
  OUTREACH_STAGE_LABELS,
  RISK_LEVEL_LABELS,
} from '@tsunagu/contracts';
import { importLabels, type ImportTemplate as BaseImportTemplate } from '@tsunagu/platform-import';

/** Record types outreach imports (intake imports people, consultations, cases and the rest). */
export const IMPORT_RECORD_TYPES = ['targets', 'contacts'] as const;
export type ImportRecordType = (typeof IMPORT_RECORD_TYPES)[number];

export type ImportTemplate = BaseImportTemplate<ImportRecordType>;

const labels = importLabels;

export const TARGET_TEMPLATE: ImportTemplate = {
  type: 'targets',
  label: 'アウトリーチ対象',
  sourceColumn: 'sourceId',
  references: [],
  columns: [
    { key: 'sourceId', header: '管理番号', aliases: ['レコード番号', '対象番号'], required: true, description: '旧システムの対象の番号（取込み済みなら読み飛ばします）' },
    { key: 'personId', header: '対象者ID', description: '本人がわかっていれば、つなぐの相談受付（intake）の対象者ID（UUID）。わからなければ空欄' },
    { key: 'householdId', header: '世帯ID', description: '世帯だけわかっていれば、intake の世帯ID（UUID）' },
    { key: 'locationDescription', header: '場所・様子', description: '対象者も世帯もわからないときは必須。場所と見かけたこと（2000字まで）' },
    { key: 'districtId', header: '地区ID', description: '地域コミュニティ協議会区域の ID（UUID）' },
    { key: 'discoveredOn', header: '把握日', description: '和暦（令和6年4月1日、R6.4.1）または西暦（2024-04-01）。空欄は今日。未来の日付は不可' },
    { key: 'discoveryRoute', header: '把握経路', required: true, description: labels(DISCOVERY_ROUTE_LABELS) },
    { key: 'riskLevel', header: 'リスク', aliases: ['リスク度'], required: true, description: labels(RISK_LEVEL_LABELS) },
    { key: 'reasonTags', header: '課題', aliases: ['課題タグ'], description: `「、」区切り: ${labels(ISSUE_TAG_LABELS)}` },
    { key: 'assignedOrganizationId', header: '担当機関ID', description: '担当する機関の ID（UUID）。空欄は取り込む人の機関' },
    {
      key: 'stage',
      header: '段階',
      description: `${labels(OUTREACH_STAGE_LABELS)}。未接触から段階の順に進めて取り込みます。終結の対象は、接触記録を取り込めるよう「${OUTREACH_STAGE_LABELS.stable}」までで取り込みます（終結は画面で）`,
    },
    { key: 'note', header: '備考', description: '4000字まで' },
  ],
  fieldColumns: {
    personId: 'personId',
    householdId: 'householdId',
    locationDescription: 'locationDescription',
    districtId: 'districtId',
    discoveredOn: 'discoveredOn',
    discoveryRoute: 'discoveryRoute',
    riskLevel: 'riskLevel',
    reasonTags: 'reasonTags',
    assignedOrganizationId: 'assignedOrganizationId',
    note: 'note',
  },
};

export const CONTACT_TEMPLATE: ImportTemplate = {
  type: 'contacts',
  label: '訪問・接触記録',
  sourceColumn: 'sourceId',
  references: ['targets'],
  columns: [
    { key: 'sourceId', header: '管理番号', aliases: ['レコード番号', '記録番号'], required: true, description: '旧システムの接触記録の番号' },
    { key: 'targetSourceId', header: '対象の管理番号', aliases: ['対象番号'], required: true, description: '取込み済みのアウトリーチ対象の管理番号' },
    { key: 'contactedAt', header: '接触日時', aliases: ['接触日', '訪問日'], required: true, description: '日付（和暦・西暦）に時刻（10:30）を続けて。時刻がなければ 0:00。未来は不可' },
    { key: 'method', header: '方法', aliases: ['接触方法'], required: true, description: labels(CONTACT_METHOD_LABELS) },
    { key: 'result', header: '結果', aliases: ['接触結果'], required: true, description: `${labels(CONTACT_RESULT_LABELS)}（短時間会話・面談できたは接触できたとして段階が進みます）` },
    { key: 'observations', header: '観察', description: `「、」区切り: ${labels(OBSERVATION_CODE_LABELS)}` },
    { key: 'observationNote', header: '記録', aliases: ['メモ', '様子'], description: '見たこと・話したこと（4000字まで）' },
    { key: 'legalBasis', header: '根拠', aliases: ['記録の根拠'], required: true, description: labels(LEGAL_BASIS_LABELS) },
  ],
  fieldColumns: {
    targetId: 'targetSourceId',
    contactedAt: 'contactedAt',
    method: 'method',
    result: 'result',
    observations: 'observations',
    observationNote: 'observationNote',
    legalBasis: 'legalBasis',
  },
};

export const IMPORT_TEMPLATES: Readonly<Record<ImportRecordType, ImportTemplate>> = { targets: TARGET_TEMPLATE, contacts: CONTACT_TEMPLATE };

/** The template column a field of a refusal came from: its first path segment's column, else the source id column. */
export function columnOfField(template: ImportTemplate, field: string): string {
  return template.fieldColumns[field.split('.')[0]] ?? template.sourceColumn;
}
