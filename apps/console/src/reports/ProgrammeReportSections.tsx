import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Loading, useTranslate } from 'react-admin';
import { CsvButtons, useReport } from './reportData';

/** The shape the reporting service answers for its measure reports (cases, outreach, participation). */
interface MeasureReport {
  cells: Array<{ measure: string; measureLabel: string; code: string | null; label: string | null; count: number | null; suppressed: boolean }>;
}

/** One measure report of a 年度 as a table (項目 / 内訳 / 件数, ＊ when suppressed) with its CSV downloads. */
function MeasureSection({ report, title, fiscalYear }: { report: string; title: string; fiscalYear: number }) {
  const translate = useTranslate();
  const { data, failed } = useReport<MeasureReport>(`reporting/reports/${report}?fiscalYear=${fiscalYear}`);
  const id = `report-${report}`;
  return (
    <Card component="section" aria-labelledby={id} sx={{ mt: 2 }}>
      <CardContent>
        <Typography id={id} component="h2" variant="h6" gutterBottom>
          {title}
        </Typography>
        {failed ? (
          <Typography variant="body2">{translate('tsunagu.errors.server')}</Typography>
        ) : data ? (
          <Table size="small" aria-labelledby={id} data-testid={id}>
            <TableHead>
              <TableRow>
                <TableCell component="th">{translate('tsunagu.reports.measure')}</TableCell>
                <TableCell component="th">{translate('tsunagu.reports.breakdown')}</TableCell>
                <TableCell component="th" align="right">
                  {translate('tsunagu.reports.count')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.cells.map((cell) => (
                <TableRow key={`${cell.measure}:${cell.code ?? ''}`}>
                  <TableCell>{cell.measureLabel}</TableCell>
                  <TableCell>{cell.label ?? cell.code ?? ''}</TableCell>
                  <TableCell align="right">{cell.suppressed ? '＊' : (cell.count ?? '—')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Loading />
        )}
        <CsvButtons report={report} query={`fiscalYear=${fiscalYear}`} />
      </CardContent>
    </Card>
  );
}

/** アウトリーチ and 参加支援 per 年度 (GET /reporting/reports/outreach and /participation), each with CSV. */
export function ProgrammeReportSections({ fiscalYear }: { fiscalYear: number }) {
  const translate = useTranslate();
  return (
    <>
      <MeasureSection report="outreach" title={translate('tsunagu.programme_reports.outreach')} fiscalYear={fiscalYear} />
      <MeasureSection report="participation" title={translate('tsunagu.programme_reports.participation')} fiscalYear={fiscalYear} />
    </>
  );
}
