import { Box, Card, CardContent, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { Pending } from '../shared/Pending';
import { useDateDisplay } from '../dates/calendar';
import { formatDate } from '@tsunagu/util-japanese-calendar';
import { BarChart } from './BarChart';
import { funnelBars, monthlyBars, mutualAidBars } from './chartData';
import { CsvButtons, useReport } from './reportData';
import type { ConsultationsReport, ReferralsReport } from './ReportsPage';

export interface MutualAidReport {
  asOf: string;
  rows: Array<{ districtId: string; districtNo: number | null; districtName: string | null; visitTypeB: boolean; dayTypeB: boolean; other: boolean }>;
  totals: { visitTypeB: number; dayTypeB: number; other: number; districts: number };
}

interface CasesReport {
  meetings: { supportMeeting: { held: number | null; cases: number | null }; jusouMeeting: { held: number | null; cases: number | null } };
  cells: Array<{ measure: string; measureLabel: string; code: string | null; label: string | null; count: number | null; suppressed: boolean }>;
}

interface IndicatorsReport {
  results: Array<{ code: string; name: string; unit: string; target: number | null; actual: number; achievementRate: number | null }>;
}

const count = (value: number | null | undefined, suppressed = false) => (suppressed ? '＊' : (value ?? '—'));

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <Card component="section" aria-labelledby={id} sx={{ mt: 2 }}>
      <CardContent>
        <Typography id={id} component="h2" variant="h6" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** The three charts of the dashboard: consultations per month, the つなぎ funnel, mutual-aid coverage. */
export function ReportCharts({ fiscalYear, referrals, consultations, mutualAid }: { fiscalYear: number; referrals?: ReferralsReport; consultations?: ConsultationsReport; mutualAid: { data?: MutualAidReport; failed?: boolean } }) {
  const translate = useTranslate();
  const coverage = mutualAid.data ? mutualAidBars(mutualAid.data) : undefined;
  const unit = translate('tsunagu.work.count_suffix');
  return (
    <Section title={translate('tsunagu.reports.charts')} id="report-charts">
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Box sx={{ flex: '1 1 420px' }}>
          {consultations ? <BarChart testId="consultations-per-month" title={translate('tsunagu.charts.consultations_per_month')} bars={monthlyBars(fiscalYear, consultations.cells)} unit={unit} /> : <Pending />}
        </Box>
        <Box sx={{ flex: '1 1 420px' }}>
          {referrals ? <BarChart testId="referral-funnel" title={translate('tsunagu.charts.referral_funnel')} bars={funnelBars(referrals.byStatus)} unit={unit} /> : <Pending />}
          {coverage ? (
            <BarChart
              testId="mutual-aid-coverage"
              title={`${translate('tsunagu.charts.mutual_aid')}（${translate('tsunagu.charts.mutual_aid_of', { total: coverage.max })}）`}
              bars={coverage.bars}
              max={coverage.max}
              unit={translate('tsunagu.reports.district')}
            />
          ) : (
            !mutualAid.failed && <Pending />
          )}
        </Box>
      </Stack>
    </Section>
  );
}

/** 住民主体の支え合いサービス実施状況: districts × 訪問型B / 通所型B / その他, with CSV. */
export function MutualAidSection({ data }: { data?: MutualAidReport }) {
  const translate = useTranslate();
  const { calendar, locale } = useDateDisplay();
  const mark = (value: boolean) => (value ? translate('tsunagu.reports.implemented') : '');
  return (
    <Section title={translate('tsunagu.reports.mutual_aid')} id="report-mutual-aid">
      {data ? (
        <>
          <Typography variant="body2">{translate('tsunagu.reports.as_of', { date: formatDate(data.asOf, calendar, locale) })}</Typography>
          <Box sx={{ maxHeight: 360, overflow: 'auto' }} tabIndex={0}>
            <Table size="small" stickyHeader aria-label={translate('tsunagu.reports.mutual_aid')}>
              <TableHead>
                <TableRow>
                  <TableCell component="th">{translate('tsunagu.reports.district')}</TableCell>
                  <TableCell component="th">{translate('tsunagu.reports.visit_type_b')}</TableCell>
                  <TableCell component="th">{translate('tsunagu.reports.day_type_b')}</TableCell>
                  <TableCell component="th">{translate('tsunagu.reports.other')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.rows.map((row) => (
                  <TableRow key={row.districtId}>
                    <TableCell>{row.districtName ?? row.districtId}</TableCell>
                    <TableCell>{mark(row.visitTypeB)}</TableCell>
                    <TableCell>{mark(row.dayTypeB)}</TableCell>
                    <TableCell>{mark(row.other)}</TableCell>
                  </TableRow>
                ))}
                <TableRow>
                  <TableCell>{translate('tsunagu.reports.districts_total')}: {data.totals.districts}</TableCell>
                  <TableCell>{data.totals.visitTypeB}</TableCell>
                  <TableCell>{data.totals.dayTypeB}</TableCell>
                  <TableCell>{data.totals.other}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </Box>
        </>
      ) : (
        <Pending />
      )}
      <CsvButtons report="mutual-aid" query="" />
    </Section>
  );
}

/** 多機関協働: cases, plans, closures by reason, and the two meetings kept apart. */
export function CasesSection({ fiscalYear }: { fiscalYear: number }) {
  const translate = useTranslate();
  const { data } = useReport<CasesReport>(`reporting/reports/cases?fiscalYear=${fiscalYear}`);
  return (
    <Section title={translate('tsunagu.reports.cases')} id="report-cases">
      {data ? (
        <Stack direction="column" spacing={2}>
          <Table size="small" aria-label={`${translate('tsunagu.reports.support_meeting')} / ${translate('tsunagu.reports.jusou_meeting')}`} sx={{ maxWidth: 640 }}>
            <TableHead>
              <TableRow>
                <TableCell component="th" />
                <TableCell component="th" align="right">
                  {translate('tsunagu.reports.held')}
                </TableCell>
                <TableCell component="th" align="right">
                  {translate('tsunagu.reports.meeting_cases')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              <TableRow>
                <TableCell component="th" scope="row">
                  {translate('tsunagu.reports.support_meeting')}
                </TableCell>
                <TableCell align="right">{count(data.meetings.supportMeeting.held)}</TableCell>
                <TableCell align="right">{count(data.meetings.supportMeeting.cases)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell component="th" scope="row">
                  {translate('tsunagu.reports.jusou_meeting')}
                </TableCell>
                <TableCell align="right">{count(data.meetings.jusouMeeting.held)}</TableCell>
                <TableCell align="right">{count(data.meetings.jusouMeeting.cases)}</TableCell>
              </TableRow>
            </TableBody>
          </Table>
          <Table size="small" aria-label={translate('tsunagu.reports.cases')}>
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
                  <TableCell>{cell.label ?? ''}</TableCell>
                  <TableCell align="right">{count(cell.count, cell.suppressed)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Stack>
      ) : (
        <Pending />
      )}
      <CsvButtons report="cases" query={`fiscalYear=${fiscalYear}`} />
    </Section>
  );
}

/** 評価指標: target vs actual of each indicator for the 年度. */
export function IndicatorsSection({ fiscalYear }: { fiscalYear: number }) {
  const translate = useTranslate();
  const { data } = useReport<IndicatorsReport>(`reporting/reports/indicators?fiscalYear=${fiscalYear}`);
  return (
    <Section title={translate('tsunagu.reports.indicators')} id="report-indicators">
      {data ? (
        <Table size="small" aria-label={translate('tsunagu.reports.indicators')}>
          <TableHead>
            <TableRow>
              <TableCell component="th">{translate('tsunagu.reports.indicator')}</TableCell>
              <TableCell component="th" align="right">
                {translate('tsunagu.reports.target')}
              </TableCell>
              <TableCell component="th" align="right">
                {translate('tsunagu.reports.actual')}
              </TableCell>
              <TableCell component="th" align="right">
                {translate('tsunagu.reports.achievement')}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.results.map((result) => (
              <TableRow key={result.code}>
                <TableCell>{result.name}</TableCell>
                <TableCell align="right">{result.target === null ? '—' : `${result.target}${result.unit}`}</TableCell>
                <TableCell align="right">{`${result.actual}${result.unit}`}</TableCell>
                <TableCell align="right">{result.achievementRate === null ? '—' : `${Math.round(result.achievementRate * 1000) / 10}%`}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Pending />
      )}
      <CsvButtons report="indicators" query={`fiscalYear=${fiscalYear}`} />
    </Section>
  );
}
