import { parseDateInput } from '@tsunagu/util-japanese-calendar';

/** One problem of an import: where (file line, the column's heading as in the file) and what, in Japanese. */
export interface ImportProblem {
  line: number;
  column: string;
  message: string;
}

export interface ImportColumn {
  key: string;
  /** The heading a city's kintone or Excel export has (the template's heading). */
  header: string;
  /** Other headings read as this column (kintone field names, older templates). */
  aliases?: readonly string[];
  required?: boolean;
  /** What goes in it, for the documentation and the console. */
  description: string;
}

/** Cells that are never data: NUL, unpaired UTF-16 surrogates, bytes CP932 has no character for, 外字 (private use area). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const PRIVATE_USE = /[\uE000-\uF8FF]|[\uDB80-\uDBFF][\uDC00-\uDFFF]/;

/** Why a cell cannot be taken as text, in Japanese; undefined when it can. Never repeats the cell. */
export function cellProblem(text: string): string | undefined {
  if (text.includes('\u0000') || CONTROL.test(text)) return '制御文字（NUL など）が含まれています';
  if (LONE_SURROGATE.test(text)) return '文字として読めないデータ（対になっていないサロゲート）が含まれています';
  if (text.includes('\uFFFD')) return '文字コードで表せない文字が含まれています（文字化け）。UTF-8 で保存し直すか、文字を確かめてください';
  if (PRIVATE_USE.test(text)) return '外字（機種依存の私用領域の文字）が含まれています。標準の文字に置き換えるか、通称・備考で補ってください';
  return undefined;
}

const LIST_SEPARATOR = /[、,，;；\n]/;
/** An ISO date with a time of day, as an XLSX date-time cell reads (import-table). */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/;
const TRUE_WORDS = ['あり', '有', '○', '〇', 'はい', 'true', '1', 'yes', '要', '該当'];
const FALSE_WORDS = ['なし', '無', '×', 'いいえ', 'false', '0', 'no', '不要', '非該当', '-'];

/**
 * The cells of one row by column key, with the readers every template uses: each reader records a problem (line,
 * the column's heading, Japanese message) and returns undefined when the cell cannot be read.
 */
export class ImportRow {
  readonly problems: ImportProblem[] = [];

  constructor(
    readonly line: number,
    private readonly cells: readonly string[],
    private readonly columns: ReadonlyMap<string, { index: number; header: string }>,
    private readonly headers: Readonly<Record<string, string>>,
  ) {}

  header(key: string): string {
    return this.columns.get(key)?.header ?? this.headers[key] ?? key;
  }

  fail(key: string, message: string): void {
    if (!this.problems.some((problem) => problem.column === this.header(key))) this.problems.push({ line: this.line, column: this.header(key), message });
  }

  has(key: string): boolean {
    return this.columns.has(key);
  }

  /** The trimmed cell ('' when the column is absent or empty). */
  text(key: string): string {
    const column = this.columns.get(key);
    return column === undefined ? '' : (this.cells[column.index] ?? '').trim();
  }

  optional(key: string): string | undefined {
    return this.text(key) || undefined;
  }

  required(key: string): string | undefined {
    const value = this.text(key);
    if (!value) this.fail(key, '必須です');
    return value || undefined;
  }

  /** 和暦 (令和6年4月1日, R6.4.1) or 西暦 (2024-04-01, 2024/4/1) → ISO date. */
  date(key: string): string | undefined {
    const value = this.text(key);
    if (!value) return undefined;
    // A date-time where a date is asked (an XLSX date-time cell): the day it names.
    const iso = parseDateInput(ISO_DATE_TIME.exec(value.trim())?.[1] ?? value);
    if (iso) return iso;
    this.fail(key, /\d+\D+\d+\D+\d+/.test(value.normalize('NFKC')) ? '存在しない日付です' : '日付として読めません（例: 令和6年4月1日、R6.4.1、2024-04-01）');
    return undefined;
  }

  /** A code given as its Japanese label (本人来所) or as the code itself (walk-in). */
  code<C extends string>(key: string, labels: Readonly<Record<C, string>>): C | undefined {
    const value = this.text(key);
    if (!value) return undefined;
    const found = codeOf(labels, value);
    if (!found) this.fail(key, `「${Object.values<string>(labels).join('」「')}」のいずれかを入れてください`);
    return found;
  }

  codes<C extends string>(key: string, labels: Readonly<Record<C, string>>): C[] {
    const value = this.text(key);
    if (!value) return [];
    const found: C[] = [];
    for (const part of value.split(LIST_SEPARATOR).map((item) => item.trim()).filter(Boolean)) {
      const code = codeOf(labels, part);
      if (!code) {
        this.fail(key, `読めない値があります。「${Object.values<string>(labels).join('」「')}」を「、」で区切って入れてください`);
        return [];
      }
      if (!found.includes(code)) found.push(code);
    }
    return found;
  }

  boolean(key: string): boolean | undefined {
    const value = this.text(key).normalize('NFKC').toLowerCase();
    if (!value) return undefined;
    if (TRUE_WORDS.includes(value)) return true;
    if (FALSE_WORDS.includes(value)) return false;
    this.fail(key, '「あり」か「なし」を入れてください');
    return undefined;
  }
}

export function codeOf<C extends string>(labels: Readonly<Record<C, string>>, value: string): C | undefined {
  const entries = Object.entries(labels) as [C, string][];
  return entries.find(([code, label]) => label === value || code === value)?.[0];
}

/** Split a list cell the way ImportRow.codes does (、 , ; or a line break). */
export function splitListCell(value: string): string[] {
  return value.split(LIST_SEPARATOR).map((item) => item.trim()).filter(Boolean);
}

/**
 * A batch's writes failed and the file's transaction is unusable: the import stops. The report names the batch's lines
 * on its first row, never the database's message (it may quote a cell).
 */
export function failBatch(rows: readonly ImportRow[], column: string): void {
  const [first, last] = [rows[0], rows[rows.length - 1]];
  first.fail(column, `保存できませんでした（${first.line}〜${last.line}行目のいずれか）。ここで取込みを止めました（内容を確かめ、直らなければ管理者へ）`);
}
