import { Button as MuiButton, Stack } from '@mui/material';
import { useState } from 'react';
import { Confirm, useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh, useResourceContext, useTranslate, type HttpError } from 'react-admin';
import { LIFECYCLE_FROM, RESOURCE_LIFECYCLE_ACTIONS, type ResourceLifecycleAction, type TsunaguDataProvider } from '../providers/dataProvider';

function LifecycleButton({ action }: { action: ResourceLifecycleAction }) {
  const record = useRecordContext();
  const resource = useResourceContext() ?? 'community-resources';
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource, action });
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  if (!record || !canAccess || !LIFECYCLE_FROM[action].includes(String(record.status))) return null;

  const run = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      await dataProvider.transition(resource, { id: record.id, action, version: record.version as number | undefined });
      notify(`tsunagu.lifecycle.done.${action}`, { type: 'success' });
    } catch (error) {
      notify((error as HttpError).message || 'tsunagu.errors.server', { type: 'error' });
    } finally {
      setBusy(false);
      refresh();
    }
  };

  return (
    <>
      <MuiButton size="small" variant={action === 'publish' || action === 'resume' ? 'contained' : 'outlined'} color={action === 'retire' ? 'error' : 'primary'} disabled={busy} onClick={() => (action === 'retire' ? setConfirming(true) : void run())}>
        {translate(`tsunagu.lifecycle.${action}`)}
      </MuiButton>
      {action === 'retire' && (
        <Confirm
          isOpen={confirming}
          title={translate('tsunagu.lifecycle.retire_confirm_title', { name: String(record.name ?? '') })}
          content={translate('tsunagu.lifecycle.retire_confirm')}
          onConfirm={() => void run()}
          onClose={() => setConfirming(false)}
        />
      )}
    </>
  );
}

/** The buttons of the lifecycle 準備中 → 実施中 ⇄ 休止 → 廃止 that the record's status and the user's roles allow. */
export function LifecycleButtons() {
  return (
    <Stack direction="row" spacing={1} component="span">
      {RESOURCE_LIFECYCLE_ACTIONS.map((action) => (
        <LifecycleButton key={action} action={action} />
      ))}
    </Stack>
  );
}
