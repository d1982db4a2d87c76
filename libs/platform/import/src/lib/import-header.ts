import { cellProblem, type ImportColumn, type ImportProblem } from './import-row';

/** What the header reader needs of a service's template: its label (for the messages) and its columns. */
export interface ImportHeaderTemplate {
  label: string;
  columns: readonly ImportColumn[];
}

/** One record type's template of a service (`T`: the service's record types). */
export interface ImportTemplate<T extends string = string> extends ImportHeaderTemplate {
  type: T;
  /** What staff call it. */
  label: string;
  /** The column holding the old system's id. */
  sourceColumn: string;
  /** A field the domain names in a refusal (its first path segment) → the column it came from. */
  fieldColumns: Readonly<Record<string, string>>;
  /** Record types whose source ids this one's rows name. */
  references: readonly T[];
}

/** A code table's labels as a column's description shows them (「高／中／低」). */
export function importLabels(table: Readonly<Record<string, string>>): string {
  return Object.values(table).join('／');
}

/** Template columns found in the header row (by heading or alias); unknown or missing required headings are problems on line 1. */
export function readImportHeader(template: ImportHeaderTemplate, header: readonly string[], problems: ImportProblem[]): Map<string, { index: number; header: string }> {
  const byHeading = new Map<string, string>();
  for (const column of template.columns) for (const heading of [column.header, ...(column.aliases ?? [])]) byHeading.set(heading, column.key);
  const columns = new Map<string, { index: number; header: string }>();
  header.forEach((cell, index) => {
    const heading = cell.trim();
    if (!heading) return;
    const key = byHeading.get(heading) ?? byHeading.get(heading.normalize('NFKC'));
    if (!key) {
      const problem = cellProblem(heading);
      problems.push({ line: 1, column: `${index + 1}列目`, message: problem ?? `「${heading.slice(0, 40)}」はこの様式（${template.label}）の列ではありません` });
    } else if (columns.has(key)) {
      problems.push({ line: 1, column: heading, message: 'この列が2つあります' });
    } else {
      columns.set(key, { index, header: heading });
    }
  });
  for (const column of template.columns) {
    if (column.required && !columns.has(column.key)) problems.push({ line: 1, column: column.header, message: '必須の列がありません' });
  }
  return columns;
}
