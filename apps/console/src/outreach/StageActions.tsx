import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useId, useState } from 'react';
import { Form, required, TextInput, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { CodeSelectInput } from '../shared/codes';
import { RefusalAlert, useCommand } from './command';
import { stageButtons } from './stages';

/** The stage buttons the target allows now (`allowedStages` from the API), and 終結 with a reason. */
export function StageActions() {
  const record = useRecordContext();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'outreach-targets', action: 'edit' });
  const { run, busy, refusal, clear } = useCommand('tsunagu.outreach.consent_refused');
  const [closing, setClosing] = useState(false);
  const titleId = useId();
  if (!record || !canAccess) return null;
  const version = record.version as number | undefined;
  const move = (to: string) =>
    run((dataProvider) => dataProvider.transition('outreach-targets', { id: record.id, action: 'stage', version, body: { to } }), 'tsunagu.outreach.stage_done');
  return (
    <>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label={translate('tsunagu.outreach.stage_actions')}>
        {stageButtons(record).map((stage) => (
          <Button key={stage} size="small" variant="outlined" disabled={busy} onClick={() => void move(stage)}>
            {translate('tsunagu.outreach.stage_to', { stage: translate(`tsunagu.codes.outreachStage.${stage}`) })}
          </Button>
        ))}
        {record.stage !== 'closed' && (
          <Button size="small" variant="outlined" color="error" disabled={busy} onClick={() => setClosing(true)}>
            {translate('tsunagu.outreach.close')}
          </Button>
        )}
      </Stack>
      <RefusalAlert refusal={refusal} onClose={clear} />
      <Dialog open={closing} onClose={() => setClosing(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <Form
          record={{}}
          onSubmit={async (values: Record<string, unknown>) => {
            const body = { reason: values.reason, ...(values.note ? { note: values.note } : {}) };
            if (await run((dataProvider) => dataProvider.transition('outreach-targets', { id: record.id, action: 'close', version, body }), 'tsunagu.outreach.closed'))
              setClosing(false);
          }}
        >
          <DialogTitle id={titleId}>{translate('tsunagu.outreach.close')}</DialogTitle>
          <DialogContent>
            <CodeSelectInput source="reason" table="outreachCloseReason" validate={required()} label="resources.outreach-targets.fields.closeReason" />
            <TextInput source="note" multiline fullWidth label="resources.outreach-targets.fields.note" />
            <RefusalAlert refusal={refusal} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setClosing(false)}>{translate('ra.action.cancel')}</Button>
            <Button type="submit" variant="contained" color="error" disabled={busy}>
              {translate('tsunagu.outreach.close')}
            </Button>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
}
