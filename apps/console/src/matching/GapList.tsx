import { Box, Card, CardContent, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField as MuiTextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Loading, RecordContextProvider, Title, useRequireAccess, useTranslate } from 'react-admin';
import { useDateDisplay } from '../dates/calendar';
import { fiscalYearLabel } from '@tsunagu/util-japanese-calendar';
import { useReport } from '../reports/reportData';
import { currentFiscalYear } from '../reports/ReportsPage';
import { DistrictField } from '../shared/codes';

interface CodeCount {
  code: string;
  count: number;
}

interface GapSummary {
  fiscalYear: number | null;
  items: Array<{ districtId: string | null; gaps: number; needs: number; constraints: CodeCount[]; purposes: CodeCount[]; times: CodeCount[] }>;
}

/** メニュー不足 per district: needs no opportunity could take, what stopped them, and what was wanted. */
export function GapList() {
  const translate = useTranslate();
  const { calendar } = useDateDisplay();
  const { isPending } = useRequireAccess({ resource: 'participation-gaps', action: 'list' });
  const [fiscalYear, setFiscalYear] = useState(currentFiscalYear());
  const { data, failed } = useReport<GapSummary>(`matching/gaps?fiscalYear=${fiscalYear}`);
  if (isPending) return <Loading />;
  const title = translate('resources.participation-gaps.name', { smart_count: 2 });
  const codes = (table: string, values: CodeCount[]) => values.map((value) => `${translate(`tsunagu.codes.${table}.${value.code}`, { _: value.code })} ${value.count}`).join('、');
  const time = (code: string) => {
    const [weekday, slot] = code.split(':');
    return `${translate(`tsunagu.codes.weekday.${weekday}`, { _: weekday })}曜${translate(`tsunagu.codes.timeSlot.${slot}`, { _: slot ?? '' })}`;
  };
  const years = [0, 1, 2, 3].map((back) => currentFiscalYear() - back);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={title} />
      <Typography component="h1" variant="h5" gutterBottom>
        {title}
      </Typography>
      <MuiTextField
        select
        size="small"
        label={translate('tsunagu.reports.fiscal_year')}
        value={fiscalYear}
        onChange={(event) => setFiscalYear(Number(event.target.value))}
        sx={{ minWidth: 200, mb: 2 }}
      >
        {years.map((year) => (
          <MenuItem key={year} value={year}>
            {fiscalYearLabel(year, calendar)}
          </MenuItem>
        ))}
      </MuiTextField>
      <Card>
        <CardContent>
          {failed ? (
            <Typography variant="body2">{translate('tsunagu.errors.server')}</Typography>
          ) : !data ? (
            <Loading />
          ) : !data.items.length ? (
            <Typography variant="body2">{translate('tsunagu.matching.no_gaps')}</Typography>
          ) : (
            <Table size="small" aria-label={title}>
              <TableHead>
                <TableRow>
                  <TableCell component="th">{translate('tsunagu.reports.district')}</TableCell>
                  <TableCell component="th" align="right">
                    {translate('tsunagu.matching.gap_needs')}
                  </TableCell>
                  <TableCell component="th" align="right">
                    {translate('tsunagu.matching.gap_records')}
                  </TableCell>
                  <TableCell component="th">{translate('tsunagu.matching.gap_constraints')}</TableCell>
                  <TableCell component="th">{translate('tsunagu.matching.gap_purposes')}</TableCell>
                  <TableCell component="th">{translate('tsunagu.matching.gap_times')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map((row) => (
                  <RecordContextProvider key={row.districtId ?? 'none'} value={{ id: row.districtId ?? 'none', districtId: row.districtId }}>
                    <TableRow>
                      <TableCell>{row.districtId ? <DistrictField source="districtId" /> : translate('tsunagu.matching.no_district')}</TableCell>
                      <TableCell align="right">{row.needs}</TableCell>
                      <TableCell align="right">{row.gaps}</TableCell>
                      <TableCell>{codes('gapConstraint', row.constraints)}</TableCell>
                      <TableCell>{codes('participationPurpose', row.purposes)}</TableCell>
                      <TableCell>{row.times.map((value) => `${time(value.code)} ${value.count}`).join('、')}</TableCell>
                    </TableRow>
                  </RecordContextProvider>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
