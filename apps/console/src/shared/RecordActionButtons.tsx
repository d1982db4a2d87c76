import { Button as MuiButton, Stack } from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh, useResourceContext, useTranslate, type HttpError } from 'react-admin';
import type { ReferralAction, TsunaguDataProvider } from '../providers/dataProvider';

/** One state-change button (POST …/{id}/{action}) shown when the record allows it and the user's roles do. */
export function RecordActionButton({ action, label, done, primary }: { action: ReferralAction; label: string; done: string; primary?: boolean }) {
  const record = useRecordContext();
  const resource = useResourceContext() ?? '';
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource, action });
  const [busy, setBusy] = useState(false);
  const allowed = (record?.allowedActions as string[] | undefined) ?? [];
  if (!record || !canAccess || !allowed.includes(action)) return null;
  const run = async () => {
    setBusy(true);
    try {
      await dataProvider.transition(resource, { id: record.id, action, version: record.version as number | undefined });
      notify(done, { type: 'success' });
    } catch (error) {
      notify((error as HttpError).message || 'tsunagu.errors.server', { type: 'error' });
    } finally {
      setBusy(false);
      refresh();
    }
  };
  return (
    <MuiButton size="small" variant={primary ? 'contained' : 'outlined'} disabled={busy} onClick={() => void run()}>
      {translate(label)}
    </MuiButton>
  );
}

export function ReferralAnswerButtons() {
  return (
    <Stack direction="row" spacing={1} component="span">
      <RecordActionButton action="accept" label="tsunagu.intake.accept" done="tsunagu.intake.done.accept" primary />
      <RecordActionButton action="decline" label="tsunagu.intake.decline" done="tsunagu.intake.done.decline" />
      <RecordActionButton action="complete" label="tsunagu.intake.complete" done="tsunagu.intake.done.complete" primary />
      <RecordActionButton action="fail" label="tsunagu.intake.fail" done="tsunagu.intake.done.fail" />
    </Stack>
  );
}
