import { List as MuiList, ListItem, Stack, Typography } from '@mui/material';
import { Loading, RecordContextProvider, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { useReport } from '../reports/reportData';

interface WatchPlan {
  cadenceDays: number;
  watchers: Array<{ kind: string; subject?: string | null; name?: string | null }>;
  active: boolean;
  startedOn: string;
  nextDueOn: string;
}

/** The target's watch plan (見守り計画): cadence, who watches, next visit due. */
export function WatchPlanCard() {
  const target = useRecordContext();
  const translate = useTranslate();
  const { data, failed } = useReport<WatchPlan>(`outreach/targets/${encodeURIComponent(String(target?.id ?? ''))}/watch-plan`);
  if (!target) return null;
  if (failed) return <Typography variant="body2">{translate('tsunagu.outreach.no_watch_plan')}</Typography>;
  if (!data) return <Loading />;
  const watchers = data.watchers.map((watcher) => `${watcher.name ?? watcher.subject ?? ''}（${translate(`tsunagu.codes.watcherKind.${watcher.kind}`, { _: watcher.kind })}）`);
  return (
    <RecordContextProvider value={{ id: 'watch-plan', ...data }}>
      <Stack spacing={0.5}>
        <Typography variant="body2">{data.active ? translate('tsunagu.outreach.cadence', { days: data.cadenceDays }) : translate('tsunagu.outreach.watch_ended')}</Typography>
        <Typography variant="body2" component="div">
          {translate('tsunagu.outreach.next_due')}: <DateField source="nextDueOn" />
        </Typography>
        <Typography variant="body2">
          {translate('tsunagu.outreach.watchers')}: {watchers.join('、')}
        </Typography>
      </Stack>
    </RecordContextProvider>
  );
}

/** Inactivity alerts (未接触アラート) of one target, open first. */
export function TargetAlerts() {
  const target = useRecordContext();
  const translate = useTranslate();
  const { data, isPending } = useGetList(
    'outreach-alerts',
    { filter: { targetId: target?.id }, sort: { field: 'raisedAt', order: 'DESC' }, pagination: { page: 1, perPage: 20 } },
    { enabled: Boolean(target?.id) },
  );
  if (isPending) return <Loading />;
  if (!data?.length) return <Typography variant="body2">{translate('tsunagu.outreach.no_alerts')}</Typography>;
  return (
    <MuiList dense aria-label={translate('tsunagu.outreach.alerts')}>
      {data.map((alert) => (
        <ListItem key={alert.id} disableGutters>
          <RecordContextProvider value={alert}>
            <Typography variant="body2" component="div">
              {translate(`tsunagu.codes.inactivityAlertStatus.${String(alert.status)}`, { _: String(alert.status) })}: <DateField source="raisedAt" />（
              {translate('tsunagu.outreach.threshold', { days: String(alert.thresholdDays) })}）
            </Typography>
          </RecordContextProvider>
        </ListItem>
      ))}
    </MuiList>
  );
}
