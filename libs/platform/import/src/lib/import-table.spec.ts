import { Workbook } from 'exceljs';
import { readImportTable } from './import-table';

/** An XLSX file of one sheet whose cells are `cells` (a Date is written as Excel writes one: the wall clock, no zone). */
async function xlsx(...rows: unknown[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('取込');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('import tables', () => {
  it('reads an XLSX date cell as its date and a date-time cell with its time of day, as the sheet shows them', async () => {
    const table = await readImportTable(
      await xlsx(
        ['日付', '日時'],
        [new Date(Date.UTC(2024, 3, 1)), new Date(Date.UTC(2024, 3, 2, 10, 30))],
        [new Date(Date.UTC(2024, 3, 1, 23, 59, 59, 999.6)), new Date(Date.UTC(2024, 3, 2, 8, 5, 15))],
      ),
      'xlsx',
      'auto',
    );
    expect(table.rows.map((row) => row.cells)).toEqual([
      ['2024-04-01', '2024-04-02 10:30'],
      // A serial a hair short of midnight is the next day; seconds are kept when the cell has them.
      ['2024-04-02', '2024-04-02 08:05:15'],
    ]);
  });
});
