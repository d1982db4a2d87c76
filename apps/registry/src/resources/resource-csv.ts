import {
  codeFromLabel,
  INSURANCE_SCHEME_LABELS,
  RESOURCE_ACTIVITY_LABELS,
  RESOURCE_CATEGORY_LABELS,
  RESOURCE_ELIGIBILITY_LABELS,
  RESOURCE_STATUS_LABELS,
  SCHEDULE_FREQUENCY_LABELS,
  WEEKDAY_LABELS,
  type CodeTable,
} from '@tsunagu/contracts';

/**
 * The staff CSV layout (header row in Japanese). Columns may come in any order; only 名称, 地区, 種別 and
 * 保険区分 are required. Coded cells accept the Japanese label or the code.
 */
export const RESOURCE_CSV_COLUMNS = {
  name: '名称',
  kana: '読み仮名',
  description: '説明',
  organization: '提供団体',
  districts: '地区',
  category: '種別',
  insuranceScheme: '保険区分',
  activities: '活動内容',
  eligibility: '対象者',
  frequency: '頻度',
  weekdays: '曜日',
  opensAt: '開始時刻',
  closesAt: '終了時刻',
  scheduleNote: '日程備考',
  capacity: '定員',
  fee: '利用料',
  phone: '電話番号',
  email: 'メールアドレス',
  website: 'ウェブサイト',
  public: '公開',
  status: '状態',
} as const;
export type ResourceCsvColumn = keyof typeof RESOURCE_CSV_COLUMNS;

export const REQUIRED_CSV_COLUMNS: readonly ResourceCsvColumn[] = ['name', 'districts', 'category', 'insuranceScheme'];

/** Command field path → CSV column, to name the column when class-validator rejects a value. */
export const CSV_COLUMN_FOR_FIELD: Record<string, ResourceCsvColumn> = {
  name: 'name',
  kana: 'kana',
  description: 'description',
  organizationId: 'organization',
  districtIds: 'districts',
  category: 'category',
  insuranceScheme: 'insuranceScheme',
  activities: 'activities',
  eligibility: 'eligibility',
  schedule: 'weekdays',
  'schedule.frequency': 'frequency',
  'schedule.weekdays': 'weekdays',
  'schedule.opensAt': 'opensAt',
  'schedule.closesAt': 'closesAt',
  'schedule.note': 'scheduleNote',
  capacity: 'capacity',
  fee: 'fee',
  contact: 'phone',
  'contact.phone': 'phone',
  'contact.email': 'email',
  'contact.website': 'website',
  public: 'public',
};

/** List cells: 、 , | ; or line breaks (not ・, which appears inside labels such as 電池・電球交換). */
export function splitList(cell: string): string[] {
  return cell
    .split(/[、,，|｜;；\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** 曜日 cells such as 「月・金」, 「月曜日、金曜日」 or 「mo,fr」. */
export function splitWeekdays(cell: string): string[] {
  return cell
    .split(/[、,，|｜;；・\s]/)
    .map((part) => part.trim().replace(/曜日?$/, ''))
    .filter(Boolean);
}

export function codeOrError<C extends string>(table: CodeTable<C>, cell: string): C | { error: string } {
  const code = codeFromLabel(table, cell);
  return code ?? { error: `「${cell}」 is not one of ${Object.values(table).join(' / ')}` };
}

export function parseBooleanCell(cell: string): boolean | { error: string } {
  const value = cell.trim().toLowerCase();
  if (['はい', '○', '◯', 'true', '1', '公開', 'yes'].includes(value)) return true;
  if (['いいえ', '×', 'false', '0', '非公開', 'no', ''].includes(value)) return false;
  return { error: `「${cell}」 must be はい or いいえ` };
}

export const CSV_TABLES = {
  category: RESOURCE_CATEGORY_LABELS,
  insuranceScheme: INSURANCE_SCHEME_LABELS,
  activities: RESOURCE_ACTIVITY_LABELS,
  eligibility: RESOURCE_ELIGIBILITY_LABELS,
  frequency: SCHEDULE_FREQUENCY_LABELS,
  weekdays: WEEKDAY_LABELS,
  status: RESOURCE_STATUS_LABELS,
} as const;
