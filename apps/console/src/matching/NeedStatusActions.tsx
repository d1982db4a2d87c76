import { Button, Stack } from '@mui/material';
import { useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { RefusalAlert, useCommand } from '../outreach/command';
import { needStatusButtons } from './board';

/** 聴取中 → マッチング中 → 参加中 → 休止 / 終了 (POST /needs/{id}/status). */
export function NeedStatusActions() {
  const need = useRecordContext();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'participation-needs', action: 'edit' });
  const { run, busy, refusal, clear } = useCommand('tsunagu.matching.consent_required');
  if (!need || !canAccess) return null;
  return (
    <>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} role="group" aria-label={translate('tsunagu.matching.need_status')}>
        {needStatusButtons(need).map((status) => (
          <Button
            key={status}
            size="small"
            variant="outlined"
            color={status === 'ended' ? 'error' : 'primary'}
            disabled={busy}
            onClick={() =>
              void run(
                (dataProvider) => dataProvider.transition('participation-needs', { id: need.id, action: 'status', version: need.version as number | undefined, body: { status } }),
                'tsunagu.matching.need_status_done',
              )
            }
          >
            {translate('tsunagu.matching.move_to', { status: translate(`tsunagu.codes.needStatus.${status}`, { _: status }) })}
          </Button>
        ))}
      </Stack>
      <RefusalAlert refusal={refusal} onClose={clear} />
    </>
  );
}
