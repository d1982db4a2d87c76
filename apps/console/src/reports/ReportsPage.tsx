import { Alert, Box, Card, CardContent, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField as MuiTextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Loading, Title, useAuthenticated, useRequireAccess, useTranslate } from 'react-admin';
import { fiscalYearLabel } from '@tsunagu/util-japanese-calendar';
import { useDateDisplay } from '../dates/calendar';
import { CasesSection, IndicatorsSection, MutualAidSection, ReportCharts, type MutualAidReport } from './ReportSections';
import { CsvButtons, useReport } from './reportData';
import { Pending } from '../shared/Pending';
import { ProgrammeReportSections } from './ProgrammeReportSections';

export interface ReferralsReport {
  fiscalYear: number;
  byStatus: Record<string, number>;
  acceptanceRate: number | null;
  statusLabels: Record<string, string>;
}

export interface ConsultationsReport {
  cells: Array<{ month: string; count: number | null; suppressed: boolean }>;
}

/** The 年度 (April–March) of today in Japan. */
export function currentFiscalYear(now = new Date()): number {
  const japan = new Date(now.getTime() + 9 * 3600_000);
  return japan.getUTCMonth() >= 3 ? japan.getUTCFullYear() : japan.getUTCFullYear() - 1;
}

/** Supervisor/analyst dashboard: charts, つなぎ funnel, consultations per month, mutual aid, cases and indicators of a 年度, with CSV downloads. */
export function ReportsPage() {
  useAuthenticated();
  const { isPending: checkingAccess } = useRequireAccess({ resource: 'reports', action: 'list' });
  const translate = useTranslate();
  const { calendar } = useDateDisplay();
  const [fiscalYear, setFiscalYear] = useState(currentFiscalYear());
  const referrals = useReport<ReferralsReport>(`reporting/reports/referrals?fiscalYear=${fiscalYear}`);
  const consultations = useReport<ConsultationsReport>(`reporting/reports/consultations?fiscalYear=${fiscalYear}`);
  const mutualAid = useReport<MutualAidReport>('reporting/reports/mutual-aid');
  if (checkingAccess) return <Loading />;
  const years = [0, 1, 2, 3].map((back) => currentFiscalYear() - back);
  const consultationTotal = consultations.data?.cells.reduce((sum, cell) => sum + (cell.count ?? 0), 0);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('tsunagu.reports.title')} />
      <Typography component="h1" variant="h5" gutterBottom>
        {translate('tsunagu.reports.title')}
      </Typography>
      <MuiTextField select size="small" label={translate('tsunagu.reports.fiscal_year')} value={fiscalYear} onChange={(event) => setFiscalYear(Number(event.target.value))} sx={{ minWidth: 200, mb: 2 }}>
        {years.map((year) => (
          <MenuItem key={year} value={year}>
            {fiscalYearLabel(year, calendar)}
          </MenuItem>
        ))}
      </MuiTextField>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('tsunagu.reports.note')}
      </Alert>
      <ReportCharts fiscalYear={fiscalYear} referrals={referrals.data} consultations={consultations.data} mutualAid={mutualAid} />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Card sx={{ flex: 1 }}>
          <CardContent>
            <Typography component="h2" variant="h6">
              {translate('tsunagu.reports.referrals')}
            </Typography>
            {referrals.data ? (
              <Table size="small" aria-label={translate('tsunagu.reports.referrals')}>
                <TableHead>
                  <TableRow>
                    <TableCell component="th">{translate('tsunagu.reports.status')}</TableCell>
                    <TableCell component="th" align="right">
                      {translate('tsunagu.reports.count')}
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {Object.entries(referrals.data.statusLabels).map(([status, label]) => (
                    <TableRow key={status} data-status={status}>
                      <TableCell>{translate(`tsunagu.codes.referralStatus.${status}`, { _: label })}</TableCell>
                      <TableCell align="right">{referrals.data?.byStatus[status] ?? 0}</TableCell>
                    </TableRow>
                  ))}
                  <TableRow>
                    <TableCell>{translate('tsunagu.reports.acceptance_rate')}</TableCell>
                    <TableCell align="right">{referrals.data.acceptanceRate === null ? '—' : `${Math.round(referrals.data.acceptanceRate * 1000) / 10}%`}</TableCell>
                  </TableRow>
                </TableBody>
              </Table>
            ) : (
              <Pending />
            )}
            <CsvButtons report="referrals" query={`fiscalYear=${fiscalYear}`} />
          </CardContent>
        </Card>
        <Card sx={{ flex: 1 }}>
          <CardContent>
            <Typography component="h2" variant="h6">
              {translate('tsunagu.reports.consultations')}
            </Typography>
            {consultations.data ? (
              <Table size="small" aria-label={translate('tsunagu.reports.consultations')}>
                <TableHead>
                  <TableRow>
                    <TableCell component="th">{translate('tsunagu.reports.month')}</TableCell>
                    <TableCell component="th" align="right">
                      {translate('tsunagu.reports.count')}
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {consultations.data.cells.map((cell) => (
                    <TableRow key={cell.month}>
                      <TableCell>{cell.month}</TableCell>
                      <TableCell align="right">{cell.suppressed ? '＊' : (cell.count ?? '')}</TableCell>
                    </TableRow>
                  ))}
                  <TableRow>
                    <TableCell>{translate('tsunagu.reports.total')}</TableCell>
                    <TableCell align="right">{consultationTotal}</TableCell>
                  </TableRow>
                </TableBody>
              </Table>
            ) : (
              <Pending />
            )}
            <CsvButtons report="consultations" query={`fiscalYear=${fiscalYear}`} />
          </CardContent>
        </Card>
      </Stack>
      <MutualAidSection data={mutualAid.data} />
      <CasesSection fiscalYear={fiscalYear} />
      <IndicatorsSection fiscalYear={fiscalYear} />
      <ProgrammeReportSections fiscalYear={fiscalYear} />
    </Box>
  );
}
