import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatWareki } from '@tsunagu/util-japanese-calendar';

/** What a form prints where the caller may not see a value (issue 13): said, never silently dropped. */
export const WITHHELD_TEXT = '（表示できません）';

const FONT_FILES = { regular: ['400Regular', 'NotoSansJP_400Regular.ttf'], bold: ['700Bold', 'NotoSansJP_700Bold.ttf'] } as const;

/**
 * Noto Sans JP from its npm package. A service bundle carries the TTF files in `fonts/` beside main.js (webpack
 * assets), because the runtime image installs only what the bundle imports; from source (tests, dev) the package has them.
 */
export function formFontPath(weight: keyof typeof FONT_FILES): string {
  const [folder, file] = FONT_FILES[weight];
  const bundled = join(__dirname, 'fonts', file);
  if (existsSync(bundled)) return bundled;
  return createRequire(__filename).resolve(`@expo-google-fonts/noto-sans-jp/${folder}/${file}`);
}

/**
 * The parsed fonts (fontkit objects) of the first document, handed to every later one: pdfkit accepts them in place
 * of a file, and parsing the 5 MB Noto Sans JP and its metrics tables again for each form costs several times the form.
 */
const parsedFonts: { regular?: unknown; bold?: unknown } = {};

function keepParsedFont(weight: 'regular' | 'bold', doc: PDFKit.PDFDocument): void {
  if (parsedFonts[weight]) return;
  const parsed = (doc as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
  // pdfkit's current font; left uncached (only slower) should a pdfkit release stop exposing it.
  if (typeof parsed?.layout === 'function') parsedFonts[weight] = parsed;
}

/** 「令和7年6月1日 10:00」: a timestamp in Japan time, 和暦 (the one implementation, ADR 0013). */
export function warekiDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) return '';
  const japan = new Date(instant.getTime() + 9 * 3600_000);
  const time = `${String(japan.getUTCHours()).padStart(2, '0')}:${String(japan.getUTCMinutes()).padStart(2, '0')}`;
  return `${formatWareki(instant)} ${time}`;
}

export interface FormOptions {
  /** Printed at the top of the first page and in the PDF metadata (no personal data). */
  title: string;
  /** Footer of every page, e.g. 「高松市」. */
  municipality: string;
  /** 出力日時 in the footer. */
  printedAt?: Date;
  /** A line under the title (e.g. 受付番号). */
  subtitle?: string;
}

export interface TableColumn {
  header: string;
  /** Share of the page width (the shares of a table add up to 1). */
  width: number;
}

const A4_MARGIN = 42;
const FOOTER_SPACE = 28;
const LABEL_FILL = '#eeeeee';
const LINE = '#555555';
const YIELD_EVERY_ROWS = 20;

/**
 * A4 portrait form laid out top to bottom: title, labelled boxes, tables whose header repeats on each page, long text
 * that flows over pages, signature lines; every page carries 「n / m」, the municipality and 出力日時 at its foot.
 */
export class FormDocument {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly left = A4_MARGIN;
  private readonly width: number;

  constructor(private readonly options: FormOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: A4_MARGIN, bottom: A4_MARGIN + FOOTER_SPACE, left: A4_MARGIN, right: A4_MARGIN },
      bufferPages: true,
      // No default font at all (not Helvetica, not our own): a default font opened under its path is a second copy of
      // 'regular', and pdfkit then opens the registered 'regular' afresh — reading and parsing the 5 MB file — at every
      // switch back to it without caching it (it keeps the copy it found by name instead): 12 s of the first form.
      font: null as unknown as string,
      lang: 'ja-JP',
      displayTitle: true,
      info: { Title: options.title, Producer: 'Tsunagu', Creator: 'Tsunagu' },
    });
    for (const weight of ['regular', 'bold'] as const) {
      this.doc.registerFont(weight, (parsedFonts[weight] ?? formFontPath(weight)) as string);
      this.doc.font(weight);
      keepParsedFont(weight, this.doc);
    }
    this.width = this.doc.page.width - 2 * A4_MARGIN;
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.font('bold').fontSize(16).text(options.title, this.left, A4_MARGIN, { width: this.width, align: 'center' });
    if (options.subtitle) this.doc.font('regular').fontSize(9).text(options.subtitle, { width: this.width, align: 'right' });
    this.doc.moveDown(0.5);
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` still fits on this one. */
  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage();
      this.doc.y = this.doc.page.margins.top;
    }
  }

  heading(text: string): this {
    this.ensure(40);
    this.doc.moveDown(0.4);
    const y = this.doc.y;
    this.doc.font('bold').fontSize(11).text(text, this.left, y, { width: this.width });
    this.doc.moveTo(this.left, this.doc.y + 1).lineTo(this.left + this.width, this.doc.y + 1).strokeColor(LINE).lineWidth(0.8).stroke();
    this.doc.y += 4;
    return this;
  }

  /** Labelled boxes, `columns` pairs per row (label shaded, value wrapped). */
  fields(rows: readonly (readonly [string, string | null | undefined])[], columns: 1 | 2 = 2): this {
    const pairWidth = this.width / columns;
    const labelWidth = Math.min(90, pairWidth * 0.35);
    for (let i = 0; i < rows.length; i += columns) {
      const line = rows.slice(i, i + columns);
      this.doc.fontSize(9);
      const height =
        Math.max(...line.map(([label, value]) => Math.max(this.heightOf(label, labelWidth - 6, 'bold'), this.heightOf(value ?? '', pairWidth - labelWidth - 6, 'regular')))) + 8;
      this.ensure(height);
      const y = this.doc.y;
      line.forEach(([label, value], index) => {
        const x = this.left + index * pairWidth;
        const span = index === line.length - 1 ? this.width - index * pairWidth : pairWidth;
        this.doc.rect(x, y, labelWidth, height).fillAndStroke(LABEL_FILL, LINE);
        this.doc.rect(x + labelWidth, y, span - labelWidth, height).strokeColor(LINE).lineWidth(0.5).stroke();
        this.doc.fillColor('black').font('bold').fontSize(9).text(label, x + 3, y + 4, { width: labelWidth - 6 });
        this.doc.font('regular').fontSize(9).text(value ?? '', x + labelWidth + 3, y + 4, { width: span - labelWidth - 6 });
      });
      this.doc.x = this.left;
      this.doc.y = y + height;
    }
    return this;
  }

  /** A labelled block of free text (主訴, 議事録): wraps, and flows over as many pages as it needs. */
  textBlock(label: string, text: string | null | undefined): this {
    this.ensure(36);
    this.doc.font('bold').fontSize(9).fillColor('black').text(label, this.left, this.doc.y + 2, { width: this.width });
    const top = this.doc.y + 2;
    const body = text && text.length ? text : '—';
    this.doc.font('regular').fontSize(9);
    const height = this.heightOf(body, this.width - 8, 'regular');
    if (top + height + 8 <= this.bottom) {
      this.doc.rect(this.left, top, this.width, height + 8).strokeColor(LINE).lineWidth(0.5).stroke();
      this.doc.text(body, this.left + 4, top + 4, { width: this.width - 8 });
      this.doc.y = top + height + 8;
    } else {
      // Longer than the page: pdfkit flows the text on; a frame per page fragment would add nothing.
      this.doc.text(body, this.left + 4, top + 4, { width: this.width - 8 });
    }
    this.doc.x = this.left;
    this.doc.moveDown(0.3);
    return this;
  }

  /**
   * A ruled table; the header repeats on every page it spans, a row longer than a page flows on. Layout is synchronous
   * CPU work: a long table (a ケース一覧, years of 支援経過) yields to the event loop every few rows so the service keeps
   * answering (probes, other requests) while it prints.
   */
  async table(columns: readonly TableColumn[], rows: readonly (readonly (string | null | undefined)[])[]): Promise<this> {
    const widths = columns.map((column) => column.width * this.width);
    const header = () => {
      this.doc.font('bold').fontSize(8.5);
      const height = Math.max(...columns.map((column, index) => this.heightOf(column.header, widths[index] - 6, 'bold'))) + 6;
      this.ensure(height + 20);
      this.drawRow(columns.map((column) => column.header), widths, height, 'bold', true);
    };
    header();
    if (!rows.length) {
      this.doc.font('regular').fontSize(9).text('該当なし', this.left + 3, this.doc.y + 3, { width: this.width });
      this.doc.x = this.left;
      this.doc.moveDown(0.3);
      return this;
    }
    for (const [index, row] of rows.entries()) {
      if (index > 0 && index % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
      this.doc.font('regular').fontSize(8.5);
      const height = Math.max(...row.map((cell, index) => this.heightOf(cell ?? '', widths[index] - 6, 'regular'))) + 6;
      const pageHeight = this.bottom - this.doc.page.margins.top;
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        this.doc.y = this.doc.page.margins.top;
        header();
      }
      if (height > pageHeight - 40) {
        // One entry longer than a page: its text flows on unframed, then the table continues.
        const y = this.doc.y;
        let x = this.left;
        row.slice(0, -1).forEach((cell, index) => {
          this.doc.font('regular').fontSize(8.5).text(cell ?? '', x + 3, y + 3, { width: widths[index] - 6 });
          x += widths[index];
        });
        this.doc.text(row[row.length - 1] ?? '', x + 3, y + 3, { width: widths[widths.length - 1] - 6 });
        this.doc.x = this.left;
        this.doc.moveDown(0.5);
        continue;
      }
      this.drawRow(row, widths, height, 'regular', false);
    }
    this.doc.x = this.left;
    this.doc.moveDown(0.3);
    return this;
  }

  /** Signature lines: 「本人署名＿＿＿＿ 日付 令和 年 月 日」 for each signer. */
  signatures(signers: readonly string[]): this {
    for (const signer of signers) {
      this.ensure(34);
      const y = this.doc.y + 14;
      this.doc.font('regular').fontSize(9).fillColor('black').text(signer, this.left, y, { width: 110 });
      this.doc.moveTo(this.left + 112, y + 11).lineTo(this.left + this.width * 0.62, y + 11).strokeColor(LINE).lineWidth(0.5).stroke();
      this.doc.text('日付\u3000令和\u3000\u3000年\u3000\u3000月\u3000\u3000日', this.left + this.width * 0.64, y, { width: this.width * 0.36 });
      this.doc.x = this.left;
      this.doc.y = y + 18;
    }
    return this;
  }

  /** A short line of text (notes, legal remarks). */
  note(text: string): this {
    this.ensure(16);
    this.doc.font('regular').fontSize(8).fillColor('#333333').text(text, this.left, this.doc.y + 2, { width: this.width });
    this.doc.fillColor('black');
    this.doc.x = this.left;
    return this;
  }

  /** Writes the footer of every page and returns the finished PDF. */
  async end(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    const printedAt = `出力日時 ${warekiDateTime(this.options.printedAt ?? new Date())}`;
    for (let index = range.start; index < range.start + range.count; index += 1) {
      this.doc.switchToPage(index);
      const { margins } = this.doc.page;
      const bottom = margins.bottom;
      // The footer sits inside the bottom margin; without this pdfkit would open a new page for it.
      margins.bottom = 0;
      const y = this.doc.page.height - A4_MARGIN - 12;
      this.doc.font('regular').fontSize(8).fillColor('#333333');
      this.doc.text(this.options.municipality, this.left, y, { width: this.width / 3, lineBreak: false });
      this.doc.text(`${index + 1} / ${range.count}`, this.left + this.width / 3, y, { width: this.width / 3, align: 'center', lineBreak: false });
      this.doc.text(printedAt, this.left + (2 * this.width) / 3, y, { width: this.width / 3, align: 'right', lineBreak: false });
      margins.bottom = bottom;
    }
    this.doc.end();
    return this.done;
  }

  private heightOf(text: string, width: number, font: 'regular' | 'bold'): number {
    this.doc.font(font);
    return this.doc.heightOfString(text || ' ', { width });
  }

  private drawRow(cells: readonly (string | null | undefined)[], widths: readonly number[], height: number, font: 'regular' | 'bold', shaded: boolean): void {
    const y = this.doc.y;
    let x = this.left;
    cells.forEach((cell, index) => {
      if (shaded) this.doc.rect(x, y, widths[index], height).fillAndStroke(LABEL_FILL, LINE);
      else this.doc.rect(x, y, widths[index], height).strokeColor(LINE).lineWidth(0.5).stroke();
      this.doc.fillColor('black').font(font).fontSize(8.5).text(cell ?? '', x + 3, y + 3, { width: widths[index] - 6 });
      x += widths[index];
    });
    this.doc.x = this.left;
    this.doc.y = y + height;
  }
}
