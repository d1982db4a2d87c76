import { Workbook } from 'exceljs';

/*
 * XLSX as offices exchange it (DOMAIN §6.2): one sheet per section, 和暦 headings, A4 landscape, the table as it is
 * printed. A suppressed count is written as 「＊」 (explained on the sheet); blank is never used for zero. Labels are
 * written as string cells, which Excel never evaluates (formulas are a separate cell type), so no neutralising is needed.
 */

export const SUPPRESSED_MARK = '＊';

export interface XlsxTable {
  title: string;
  /** Column headings after the row heading (e.g. 令和7年4月 … 令和8年3月, 年度計). */
  headings: string[];
  rowHeading: string;
  rows: { label: string; values: (number | null)[] }[];
}

export interface XlsxSheet {
  name: string;
  title: string;
  tables: XlsxTable[];
  notes: string[];
}

export async function writeXlsx(sheets: readonly XlsxSheet[], creator = 'Tsunagu'): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = creator;
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    worksheet.addRow([sheet.title]).font = { bold: true, size: 14 };
    for (const table of sheet.tables) {
      worksheet.addRow([]);
      worksheet.addRow([table.title]).font = { bold: true };
      worksheet.addRow([table.rowHeading, ...table.headings]).font = { bold: true };
      for (const row of table.rows) worksheet.addRow([row.label, ...row.values.map((value) => (value === null ? SUPPRESSED_MARK : value))]);
    }
    worksheet.addRow([]);
    for (const note of sheet.notes) worksheet.addRow([note]);
    worksheet.getColumn(1).width = 36;
    for (let column = 2; column <= 14; column += 1) worksheet.getColumn(column).width = 13;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
