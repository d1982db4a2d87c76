import type { RetentionRecordType } from '../intake/retention';

/*
 * 個人情報ファイル簿 (個人情報保護法 75条, 施行令20条): the register of the personal-information files the platform holds.
 * Each service declares its files here, next to its contracts; each service's tests check the declared `fields` against
 * its MikroORM entities (a field added to an entity without a line here fails them), and intake renders the register
 * (JSON, CSV) with the retention periods the municipality has set, so the city's register stays true to the system.
 */

export interface PersonalInformationFile {
  /** 個人情報ファイルの名称. */
  name: string;
  service: 'intake' | 'outreach' | 'matching';
  /** 利用目的. */
  purpose: string;
  /** 法令上の根拠 (the duty the file serves). */
  legalBasis: string;
  /** 記録項目 as the register prints them. */
  items: string[];
  /** Entities (tables) of the file and their stored fields (checked against the data model). */
  entities: Record<string, readonly string[]>;
  /** 記録される個人の範囲. */
  persons: string;
  /** 記録情報の収集方法 (sources). */
  sources: string[];
  /** 要配慮個人情報が含まれるとき true. */
  sensitive: boolean;
  /** 経常的提供先 (recipients). */
  recipients: string[];
  /** The retention rule the file follows (intake's rules), or how the copy ends. */
  retention: { recordType: RetentionRecordType } | { note: string };
}

/** Fields every tenant table carries (id, tenant, timestamps, version) or keeps for search only: not 記録項目. */
export const TECHNICAL_FIELDS: readonly string[] = ['id', 'municipality', 'createdAt', 'updatedAt', 'version', 'searchText', 'kanaKey', 'phoneDigits'];

export interface RegisterRow {
  name: string;
  service: string;
  purpose: string;
  legalBasis: string;
  items: string;
  persons: string;
  sources: string;
  sensitive: string;
  recipients: string;
  retention: string;
}

const CSV_HEADERS: [keyof RegisterRow, string][] = [
  ['name', '個人情報ファイルの名称'],
  ['service', '業務（サービス）'],
  ['purpose', '利用目的'],
  ['legalBasis', '根拠'],
  ['items', '記録項目'],
  ['persons', '記録範囲'],
  ['sources', '記録情報の収集方法'],
  ['sensitive', '要配慮個人情報'],
  ['recipients', '経常的提供先'],
  ['retention', '保存期間'],
];

/** The register as CSV for Excel: UTF-8 with BOM, CRLF, every cell quoted (DOMAIN §6.2, L3-08). */
export function registerCsv(rows: readonly RegisterRow[]): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const lines = [CSV_HEADERS.map(([, header]) => quote(header)).join(','), ...rows.map((row) => CSV_HEADERS.map(([key]) => quote(row[key])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
