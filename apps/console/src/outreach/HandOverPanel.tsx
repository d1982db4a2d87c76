import { Button, Dialog, DialogActions, DialogContent, DialogTitle, List as MuiList, ListItem, Typography } from '@mui/material';
import { useId, useState } from 'react';
import { Form, RecordContextProvider, required, TextInput, useCanAccess, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeSelectInput, OrganizationField, OrganizationInput } from '../shared/codes';
import { RefusalAlert, useCommand } from './command';

/** 引継ぎ: hand the target over to a consultation or a 多機関協働 case; the server checks the person's consent. */
export function HandOverPanel() {
  const target = useRecordContext();
  const translate = useTranslate();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'outreach-handovers', action: 'create' });
  const { run, busy, refusal, clear } = useCommand('tsunagu.outreach.consent_refused');
  const { data } = useGetList(
    'outreach-handovers',
    { filter: { targetId: target?.id }, pagination: { page: 1, perPage: 50 }, sort: { field: '', order: 'ASC' } },
    { enabled: Boolean(target?.id) },
  );
  if (!target) return null;
  return (
    <>
      {data?.length ? (
        <MuiList dense aria-label={translate('tsunagu.outreach.handovers')}>
          {data.map((handover) => (
            <ListItem key={handover.id} disableGutters>
              <RecordContextProvider value={handover}>
                <Typography variant="body2" component="div">
                  {translate(`tsunagu.codes.handoverDestination.${String(handover.to)}`, { _: String(handover.to) })}・<OrganizationField source="toOrganizationId" />・
                  {translate(`tsunagu.codes.handoverStatus.${String(handover.status)}`, { _: String(handover.status) })}（<DateField source="requestedAt" />）
                </Typography>
              </RecordContextProvider>
            </ListItem>
          ))}
        </MuiList>
      ) : (
        <Typography variant="body2">{translate('tsunagu.outreach.no_handovers')}</Typography>
      )}
      {canAccess && target.stage !== 'closed' && (
        <Button variant="outlined" size="small" sx={{ mt: 1 }} onClick={() => setOpen(true)}>
          {translate('tsunagu.outreach.hand_over')}
        </Button>
      )}
      <RefusalAlert refusal={open ? undefined : refusal} onClose={clear} />
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <Form
          record={{ to: 'consultation' }}
          onSubmit={async (values: Record<string, unknown>) => {
            const body = { to: values.to, toOrganizationId: values.toOrganizationId, ...(values.note ? { note: values.note } : {}) };
            if (await run((dataProvider) => dataProvider.transition('outreach-targets', { id: target.id, action: 'hand-over', body }), 'tsunagu.outreach.handed_over'))
              setOpen(false);
          }}
        >
          <DialogTitle id={titleId}>{translate('tsunagu.outreach.hand_over')}</DialogTitle>
          <DialogContent>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {translate('tsunagu.outreach.hand_over_hint')}
            </Typography>
            <CodeSelectInput source="to" table="handoverDestination" validate={required()} label="resources.outreach-handovers.fields.to" />
            <OrganizationInput source="toOrganizationId" validate={required()} label="resources.outreach-handovers.fields.toOrganizationId" />
            <TextInput source="note" multiline fullWidth label="resources.outreach-handovers.fields.note" />
            <RefusalAlert refusal={refusal} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
            <Button type="submit" variant="contained" disabled={busy}>
              {translate('tsunagu.outreach.hand_over')}
            </Button>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
}
