import { Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useId, useState, type ReactNode } from 'react';
import { Form, required, TextInput, useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh, useResourceContext, useTranslate, type HttpError, type RaRecord } from 'react-admin';
import { DateInput } from '../dates/DateInput';
import { messageArgsOf, type RecordAction, type TsunaguDataProvider } from '../providers/dataProvider';
import { noteRequiredForOther } from '../referrals/answer';
import { CodeSelectInput } from './codes';

export interface RecordActionButtonProps {
  action: RecordAction;
  /** i18n key of the button. */
  label: string;
  /** i18n key of the success message. */
  done: string;
  primary?: boolean;
  danger?: boolean;
  /**
   * When the record allows the action. Default: the API's `allowedActions` of the record (cases,
   * consultations, referrals); records without that list (plans, meetings, consents) pass a predicate.
   */
  when?: (record: RaRecord) => boolean;
  /** Labelled inputs asked for in a dialog before the action (reason, disposition, meeting…); their values are the body. */
  inputs?: ReactNode;
  /** Values of the dialog's form when it opens. */
  defaultValues?: Record<string, unknown>;
  /** The command's body from the dialog's values, when they differ (e.g. a chosen list entry → its identifying fields). */
  transform?: (values: Record<string, unknown>) => Record<string, unknown>;
}

const allowedByApi = (action: string) => (record: RaRecord) => ((record.allowedActions as string[] | undefined) ?? []).includes(action);

/**
 * One state-change button (POST …/{id}/{action}) shown when the record allows it and the user's roles do.
 * With `inputs`, a dialog asks for the command's fields first; the API's field errors land on those inputs.
 */
export function RecordActionButton({ action, label, done, primary, danger, when, inputs, defaultValues, transform }: RecordActionButtonProps) {
  const record = useRecordContext();
  const resource = useResourceContext() ?? '';
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const titleId = useId();
  const { canAccess } = useCanAccess({ resource, action });
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  if (!record || !canAccess || !(when ?? allowedByApi(action))(record)) return null;

  const run = async (body?: Record<string, unknown>): Promise<Record<string, unknown> | undefined> => {
    setBusy(true);
    try {
      await dataProvider.transition(resource, { id: record.id, action, version: record.version as number | undefined, body: cleanBody(body) });
      notify(done, { type: 'success' });
      setOpen(false);
      refresh();
      return undefined;
    } catch (error) {
      const httpError = error as HttpError;
      notify(httpError.message || 'tsunagu.errors.server', { type: 'error', messageArgs: messageArgsOf(httpError) });
      const errors = (httpError.body as { errors?: Record<string, unknown> } | undefined)?.errors;
      if (!inputs) refresh();
      // The dataProvider already turned problem+json `errors` into react-hook-form paths.
      return errors;
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <MuiButton size="small" variant={primary ? 'contained' : 'outlined'} color={danger ? 'error' : 'primary'} disabled={busy} onClick={() => (inputs ? setOpen(true) : void run())}>
        {translate(label)}
      </MuiButton>
      {inputs && (
        <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
          <Form onSubmit={(values: Record<string, unknown>) => run(transform ? transform(values) : values)} defaultValues={defaultValues} record={{}}>
            <DialogTitle id={titleId}>{translate(label)}</DialogTitle>
            <DialogContent>{inputs}</DialogContent>
            <DialogActions>
              <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
              <MuiButton type="submit" variant="contained" color={danger ? 'error' : 'primary'} disabled={busy}>
                {translate(label)}
              </MuiButton>
            </DialogActions>
          </Form>
        </Dialog>
      )}
    </>
  );
}

/** Empty inputs are left out of the command (the API treats a missing field as "not given"). */
function cleanBody(body: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!body) return undefined;
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== '' && value !== null && value !== undefined));
}

export function ActionBar({ children }: { children: ReactNode }) {
  return (
    <Stack direction="row" spacing={1} useFlexGap component="span" sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      {children}
    </Stack>
  );
}

/**
 * A referral's answers (by the organisation referred to, or a supervisor): each asks for confirmation in a dialog.
 * 不受理 and 不調 cannot be undone and need a reason code; その他 needs a note.
 */
export function ReferralAnswerButtons() {
  const translate = useTranslate();
  const warning = (key: string) => (
    <Typography variant="body2" sx={{ mb: 2 }}>
      {translate(key)}
    </Typography>
  );
  const reasonInputs = (key: string) => (
    <>
      {warning(key)}
      <CodeSelectInput source="reasonCode" table="referralReason" label="resources.referrals.fields.reasonCode" validate={required()} />
      <TextInput source="note" label="resources.referrals.fields.reasonNote" validate={noteRequiredForOther} multiline fullWidth />
    </>
  );
  return (
    <ActionBar>
      <RecordActionButton
        action="accept"
        label="tsunagu.intake.accept"
        done="tsunagu.intake.done.accept"
        primary
        inputs={
          <>
            {warning('tsunagu.referral.confirm_accept')}
            <TextInput source="note" label="resources.referrals.fields.responseNote" multiline fullWidth />
          </>
        }
      />
      <RecordActionButton action="decline" label="tsunagu.intake.decline" done="tsunagu.intake.done.decline" danger inputs={reasonInputs('tsunagu.referral.confirm_decline')} />
      <RecordActionButton
        action="complete"
        label="tsunagu.intake.complete"
        done="tsunagu.intake.done.complete"
        primary
        inputs={
          <>
            {warning('tsunagu.referral.confirm_complete')}
            <DateInput source="firstContactOn" label="resources.referrals.fields.firstContactOn" />
            <TextInput source="note" label="resources.referrals.fields.responseNote" multiline fullWidth />
          </>
        }
      />
      <RecordActionButton action="fail" label="tsunagu.intake.fail" done="tsunagu.intake.done.fail" danger inputs={reasonInputs('tsunagu.referral.confirm_fail')} />
    </ActionBar>
  );
}
