import { Button, Dialog, DialogActions, DialogContent, DialogTitle, List as MuiList, ListItem, Stack, Typography } from '@mui/material';
import { useId, useMemo, useState } from 'react';
import {
  ArrayInput,
  BooleanInput,
  Form,
  Loading,
  NumberInput,
  RecordContextProvider,
  required,
  SimpleFormIterator,
  TextInput,
  useCanAccess,
  useGetIdentity,
  useGetList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DateField } from '../dates/DateField';
import { DateInput } from '../dates/DateInput';
import { CodeSelectInput } from '../shared/codes';
import { staffText } from '../shared/staff';
import { StaffInput } from '../shared/StaffInput';
import { useStaffNames } from '../shared/useStaffNames';
import { RefusalAlert, useApiJson, useCommand } from './command';

interface WatchPlan {
  version: number;
  cadenceDays: number;
  watchers: Array<{ kind: string; subject?: string | null; name?: string | null }>;
  active: boolean;
  startedOn: string;
  nextDueOn: string;
}

/** 見守り計画を設定: cadence, watchers (staff: oneself by default, others by login; 民生委員 and volunteers by name), first day, active. */
function WatchPlanDialog({ plan, onDone }: { plan?: WatchPlan; onDone: () => void }) {
  const target = useRecordContext();
  const translate = useTranslate();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'outreach-targets', action: 'edit' });
  const { run, busy, refusal } = useCommand('tsunagu.outreach.consent_refused');
  const { identity } = useGetIdentity();
  const known = useMemo(() => (plan?.watchers ?? []).map((watcher) => watcher.subject).filter((subject): subject is string => Boolean(subject)), [plan]);
  if (!target || !canAccess || target.stage === 'closed') return null;
  const label = translate(plan ? 'tsunagu.outreach.edit_watch_plan' : 'tsunagu.outreach.set_watch_plan');
  return (
    <>
      <Button size="small" variant="outlined" sx={{ mt: 1 }} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <Form
          record={plan ? { cadenceDays: plan.cadenceDays, watchers: plan.watchers, active: plan.active } : { cadenceDays: 14, watchers: [{ kind: 'staff', subject: identity?.id === undefined ? undefined : String(identity.id) }], active: true }}
          onSubmit={async (values: Record<string, unknown>) => {
            const watchers = ((values.watchers as Array<Record<string, unknown>> | undefined) ?? []).map((watcher) =>
              Object.fromEntries(Object.entries(watcher).filter(([, value]) => value !== '' && value !== null && value !== undefined)),
            );
            const body = { cadenceDays: values.cadenceDays, watchers, active: values.active !== false, ...(values.startedOn ? { startedOn: values.startedOn } : {}) };
            const path = `outreach/targets/${encodeURIComponent(String(target.id))}/watch-plan`;
            if (await run((dataProvider) => dataProvider.replace(path, body, plan?.version), 'tsunagu.outreach.watch_plan_saved')) {
              setOpen(false);
              onDone();
            }
          }}
        >
          <DialogTitle id={titleId}>{label}</DialogTitle>
          <DialogContent>
            <NumberInput source="cadenceDays" min={1} max={365} validate={required()} label="tsunagu.outreach.cadence_days" />
            <ArrayInput source="watchers" label="tsunagu.outreach.watchers">
              <SimpleFormIterator inline disableReordering>
                <CodeSelectInput source="kind" table="watcherKind" validate={required()} label="tsunagu.outreach.watcher_kind" />
                <StaffInput source="subject" known={known} label="tsunagu.outreach.watcher_subject" helperText="tsunagu.outreach.watcher_subject_hint" />
                <TextInput source="name" label="tsunagu.outreach.watcher_name" />
              </SimpleFormIterator>
            </ArrayInput>
            <DateInput source="startedOn" label="tsunagu.outreach.watch_started_on" />
            <BooleanInput source="active" label="tsunagu.outreach.watch_active" />
            <RefusalAlert refusal={refusal} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
            <Button type="submit" variant="contained" disabled={busy}>
              {translate('ra.action.save')}
            </Button>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
}

/** The target's watch plan (見守り計画): cadence, who watches, next visit due; set or change it. */
export function WatchPlanCard() {
  const target = useRecordContext();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const [round, setRound] = useState(0);
  // Logging a contact moves the next due date: read again when the target's version changes.
  const { data, failed } = useApiJson<WatchPlan>(
    `outreach/targets/${encodeURIComponent(String(target?.id ?? ''))}/watch-plan`,
    `${round}:${String(target?.version ?? '')}`,
    Boolean(target?.id),
  );
  const names = useStaffNames(useMemo(() => (data?.watchers ?? []).map((watcher) => watcher.subject).filter((subject): subject is string => Boolean(subject)), [data]));
  if (!target) return null;
  if (failed && !data) {
    return (
      <>
        <Typography variant="body2">{translate('tsunagu.outreach.no_watch_plan')}</Typography>
        <WatchPlanDialog onDone={() => setRound((value) => value + 1)} />
      </>
    );
  }
  if (!data) return <Loading />;
  const watchers = data.watchers.map((watcher) => `${watcher.name ?? staffText(watcher.subject, identity, translate('tsunagu.picker.self'), watcher.subject ? names.get(watcher.subject) : undefined)}（${translate(`tsunagu.codes.watcherKind.${watcher.kind}`, { _: watcher.kind })}）`);
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
      <WatchPlanDialog plan={data} onDone={() => setRound((value) => value + 1)} />
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
