import { CASE_CODE_TABLES, INTAKE_CODE_TABLES, MATCHING_CODE_TABLES, OUTREACH_CODE_TABLES, REGISTRY_CODE_TABLES, RETENTION_CODE_TABLES } from '@tsunagu/contracts';

/** Code tables the console shows as choices: Japanese labels from the contracts, humanised codes in English. */
export const CODE_TABLES: Readonly<Record<string, Readonly<Record<string, string>>>> = { ...REGISTRY_CODE_TABLES, ...INTAKE_CODE_TABLES, ...CASE_CODE_TABLES, ...OUTREACH_CODE_TABLES, ...MATCHING_CODE_TABLES, ...RETENTION_CODE_TABLES };

export function humanise(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `{ resourceCategory: { 'visit-type-b': '訪問型サービスB', … }, … }` for the i18n messages. */
export function codeMessages(language: 'ja' | 'en'): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(CODE_TABLES).map(([table, labels]) => [
      table,
      Object.fromEntries(Object.entries(labels).map(([code, label]) => [code, language === 'ja' ? label : humanise(code)])),
    ]),
  );
}

/** react-admin choices of a code table; the names are i18n keys (translated by the inputs and fields). */
export function codeChoices(table: string): Array<{ id: string; name: string }> {
  return Object.keys(CODE_TABLES[table] ?? {}).map((code) => ({ id: code, name: `tsunagu.codes.${table}.${code}` }));
}
