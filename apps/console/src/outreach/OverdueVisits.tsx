import { Box, Card, CardContent, FormControlLabel, Link, Switch, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { CanAccess, Loading, RecordContextProvider, Title, useGetList, useRequireAccess, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { useReport } from '../reports/reportData';
import { DistrictField } from '../shared/codes';
import { StageField } from './StageField';
import { TargetPersonField } from './TargetPersonField';

interface OverdueVisit {
  watchPlanId: string;
  targetId: string;
  identity: string;
  personId: string | null;
  nextDueOn: string;
  daysOverdue: number;
  riskLevel: string;
  stage: string;
  districtId: string | null;
  locationDescription: string | null;
}

const targetLink = (targetId: unknown) => `#/outreach-targets/${encodeURIComponent(String(targetId))}/show`;

/** 期限を過ぎた見守り訪問 (mine by default), oldest first. */
export function OverdueVisitsCard() {
  const translate = useTranslate();
  const [mine, setMine] = useState(true);
  const { data, failed } = useReport<{ items: OverdueVisit[]; total: number }>(`outreach/overdue-visits?perPage=100${mine ? '&mine=true' : ''}`);
  return (
    <Card component="section" aria-labelledby="outreach-overdue" sx={{ mt: 2 }}>
      <CardContent>
        <Typography id="outreach-overdue" component="h2" variant="h6">
          {translate('tsunagu.outreach.overdue_title')}
        </Typography>
        <FormControlLabel control={<Switch checked={mine} onChange={(event) => setMine(event.target.checked)} />} label={translate('tsunagu.outreach.mine')} />
        {failed ? (
          <Typography variant="body2">{translate('tsunagu.errors.server')}</Typography>
        ) : !data ? (
          <Loading />
        ) : !data.items.length ? (
          <Typography variant="body2">{translate('tsunagu.work.none')}</Typography>
        ) : (
          <Table size="small" aria-labelledby="outreach-overdue">
            <TableHead>
              <TableRow>
                <TableCell component="th">{translate('tsunagu.outreach.next_due')}</TableCell>
                <TableCell component="th">{translate('tsunagu.person_ref.label')}</TableCell>
                <TableCell component="th">{translate('tsunagu.outreach.days_overdue_header')}</TableCell>
                <TableCell component="th">{translate('resources.outreach-targets.fields.riskLevel')}</TableCell>
                <TableCell component="th">{translate('resources.outreach-targets.fields.stage')}</TableCell>
                <TableCell component="th">{translate('resources.outreach-targets.fields.districtId')}</TableCell>
                <TableCell component="th">{translate('tsunagu.outreach.target')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.map((visit) => (
                <RecordContextProvider key={visit.watchPlanId} value={{ id: visit.watchPlanId, ...visit }}>
                  <TableRow>
                    <TableCell>
                      <DateField source="nextDueOn" />
                    </TableCell>
                    <TableCell>
                      <TargetPersonField />
                    </TableCell>
                    <TableCell>{translate('tsunagu.outreach.days_overdue', { days: visit.daysOverdue })}</TableCell>
                    <TableCell>{translate(`tsunagu.codes.riskLevel.${visit.riskLevel}`, { _: visit.riskLevel })}</TableCell>
                    <TableCell>
                      <StageField source="stage" />
                    </TableCell>
                    <TableCell>
                      <DistrictField source="districtId" />
                    </TableCell>
                    <TableCell>
                      <Link href={targetLink(visit.targetId)} underline="always">
                        {visit.locationDescription ? visit.locationDescription.slice(0, 40) : translate('tsunagu.outreach.open_target')}
                      </Link>
                    </TableCell>
                  </TableRow>
                </RecordContextProvider>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** Open inactivity alerts (未接触アラート), newest first. */
export function OpenAlertsCard() {
  const translate = useTranslate();
  const { data, isPending, error } = useGetList('outreach-alerts', {
    filter: { status: 'open' },
    sort: { field: 'raisedAt', order: 'DESC' },
    pagination: { page: 1, perPage: 50 },
  });
  return (
    <Card component="section" aria-labelledby="outreach-open-alerts" sx={{ mt: 2 }}>
      <CardContent>
        <Typography id="outreach-open-alerts" component="h2" variant="h6">
          {translate('tsunagu.outreach.open_alerts')}
        </Typography>
        {isPending ? (
          <Loading />
        ) : error ? (
          <Typography variant="body2">{translate('tsunagu.errors.server')}</Typography>
        ) : !data?.length ? (
          <Typography variant="body2">{translate('tsunagu.work.none')}</Typography>
        ) : (
          <Table size="small" aria-labelledby="outreach-open-alerts">
            <TableHead>
              <TableRow>
                <TableCell component="th">{translate('resources.outreach-alerts.fields.raisedAt')}</TableCell>
                <TableCell component="th">{translate('resources.outreach-alerts.fields.riskLevel')}</TableCell>
                <TableCell component="th">{translate('resources.outreach-alerts.fields.lastSuccessfulContactAt')}</TableCell>
                <TableCell component="th">{translate('resources.outreach-alerts.fields.districtId')}</TableCell>
                <TableCell component="th">{translate('tsunagu.outreach.target')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((alert) => (
                <RecordContextProvider key={alert.id} value={alert}>
                  <TableRow>
                    <TableCell>
                      <DateField source="raisedAt" />
                    </TableCell>
                    <TableCell>{translate(`tsunagu.codes.riskLevel.${String(alert.riskLevel)}`, { _: String(alert.riskLevel) })}</TableCell>
                    <TableCell>
                      <DateField source="lastSuccessfulContactAt" />
                    </TableCell>
                    <TableCell>
                      <DistrictField source="districtId" />
                    </TableCell>
                    <TableCell>
                      <Link href={targetLink(alert.targetId)} underline="always">
                        {translate('tsunagu.outreach.open_target')}
                      </Link>
                    </TableCell>
                  </TableRow>
                </RecordContextProvider>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** 「私の期限切れ訪問」 and the open inactivity alerts on one page (the cards can also sit on a work page). */
export function OverdueVisitsPage() {
  const translate = useTranslate();
  const { isPending } = useRequireAccess({ resource: 'outreach-overdue-visits', action: 'list' });
  if (isPending) return <Loading />;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('resources.outreach-overdue-visits.name', { smart_count: 2 })} />
      <Typography component="h1" variant="h5">
        {translate('resources.outreach-overdue-visits.name', { smart_count: 2 })}
      </Typography>
      <OverdueVisitsCard />
      <OpenAlertsCard />
    </Box>
  );
}

/**
 * Both cards for a work page (e.g. the supervisor's /work): shown only to roles that may read outreach, so a
 * caseworker's page never calls the outreach API (a 403 there would send them to the access-denied page).
 */
export function OutreachWorkCards() {
  return (
    <CanAccess resource="outreach-overdue-visits" action="list">
      <OverdueVisitsCard />
      <OpenAlertsCard />
    </CanAccess>
  );
}
