import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Divider, Stack, Typography } from '@mui/material';
import { useId, useState } from 'react';
import { Form, Labeled, ReferenceField, required, Show, TextField, TextInput, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { DateInput } from '../dates/DateInput';
import { RefusalAlert, useCommand } from '../outreach/command';
import { Panel } from '../outreach/TargetShow';
import { CodeField, CodeSelectInput, OrganizationField, StatusField } from '../shared/codes';
import { lifecycleButtons } from './board';
import { FollowUps } from './FollowUps';

/** The lifecycle buttons the API allows (`allowedStatuses`); 中断 / 終了 ask for a reason. The consent gate's refusal stays on screen. */
function MatchLifecycle() {
  const match = useRecordContext();
  const translate = useTranslate();
  const titleId = useId();
  const { canAccess } = useCanAccess({ resource: 'participation-matches', action: 'edit' });
  const { run, busy, refusal, clear } = useCommand('tsunagu.matching.consent_required');
  const [ending, setEnding] = useState<string | undefined>();
  if (!match || !canAccess) return null;
  const { forward, ending: endings } = lifecycleButtons(match);
  const move = (body: Record<string, unknown>) =>
    run(
      (dataProvider) => dataProvider.transition('participation-matches', { id: match.id, action: 'transition', version: match.version as number | undefined, body }),
      'tsunagu.matching.moved',
    );
  const status = (code: string) => translate(`tsunagu.codes.matchStatus.${code}`, { _: code });
  return (
    <Box>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} role="group" aria-label={translate('tsunagu.matching.lifecycle')}>
        {forward.map((code) => (
          <Button key={code} size="small" variant="outlined" disabled={busy} onClick={() => void move({ status: code })}>
            {translate('tsunagu.matching.move_to', { status: status(code) })}
          </Button>
        ))}
        {endings.map((code) => (
          <Button key={code} size="small" variant="outlined" color="error" disabled={busy} onClick={() => setEnding(code)}>
            {translate('tsunagu.matching.move_to', { status: status(code) })}
          </Button>
        ))}
      </Stack>
      {['visit', 'trial', 'participating', 'settled'].some((code) => forward.includes(code)) && match.status === 'proposed' ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('tsunagu.matching.consent_hint')}
        </Typography>
      ) : null}
      <RefusalAlert refusal={ending ? undefined : refusal} onClose={clear} />
      <Dialog open={Boolean(ending)} onClose={() => setEnding(undefined)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <Form
          record={{}}
          onSubmit={async (values: Record<string, unknown>) => {
            const body = { status: ending, reason: values.reason, ...(values.note ? { note: values.note } : {}), ...(values.on ? { on: values.on } : {}) };
            if (await move(body)) setEnding(undefined);
          }}
        >
          <DialogTitle id={titleId}>{ending ? translate('tsunagu.matching.move_to', { status: status(ending) }) : ''}</DialogTitle>
          <DialogContent>
            <CodeSelectInput source="reason" table="matchEndReason" validate={required()} label="resources.participation-matches.fields.endReason" />
            <DateInput source="on" label="tsunagu.matching.on" />
            <TextInput source="note" multiline fullWidth label="resources.participation-matches.fields.endNote" />
            <RefusalAlert refusal={refusal} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setEnding(undefined)}>{translate('ra.action.cancel')}</Button>
            <Button type="submit" variant="contained" color="error" disabled={busy}>
              {ending ? translate('tsunagu.matching.move_to', { status: status(ending) }) : ''}
            </Button>
          </DialogActions>
        </Form>
      </Dialog>
    </Box>
  );
}

function MatchDetails() {
  const match = useRecordContext();
  if (!match) return null;
  return (
    <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Labeled source="status">
        <StatusField source="status" table="matchStatus" />
      </Labeled>
      <Labeled source="opportunityId">
        <ReferenceField source="opportunityId" reference="participation-opportunities" link="show" />
      </Labeled>
      <Labeled source="needId">
        <ReferenceField source="needId" reference="participation-needs" link="show">
          <DateField source="registeredOn" />
        </ReferenceField>
      </Labeled>
      {match.hostOrganizationId ? (
        <Labeled source="hostOrganizationId">
          <OrganizationField source="hostOrganizationId" />
        </Labeled>
      ) : null}
      <Labeled source="purpose">
        <CodeField source="purpose" table="participationPurpose" />
      </Labeled>
      <Labeled source="proposedScore">
        <TextField source="proposedScore" />
      </Labeled>
      <Labeled source="proposedOn">
        <DateField source="proposedOn" />
      </Labeled>
      {match.visitOn ? (
        <Labeled source="visitOn">
          <DateField source="visitOn" />
        </Labeled>
      ) : null}
      {match.startedOn ? (
        <Labeled source="startedOn">
          <DateField source="startedOn" />
        </Labeled>
      ) : null}
      {match.settledOn ? (
        <Labeled source="settledOn">
          <DateField source="settledOn" />
        </Labeled>
      ) : null}
      {match.endedOn ? (
        <Labeled source="endedOn">
          <DateField source="endedOn" />
        </Labeled>
      ) : null}
      {match.endReason ? (
        <Labeled source="endReason">
          <CodeField source="endReason" table="matchEndReason" />
        </Labeled>
      ) : null}
      {match.nextFollowUpDue ? (
        <Labeled source="nextFollowUpDue">
          <DateField source="nextFollowUpDue" />
        </Labeled>
      ) : null}
    </Stack>
  );
}

/** A match's page: details, lifecycle buttons, follow-ups (定着支援・受入先支援) with due dates. */
export function MatchShow() {
  const translate = useTranslate();
  return (
    <Show>
      <Box sx={{ p: 2 }}>
        <MatchDetails />
        <Divider sx={{ my: 2 }} />
        <MatchLifecycle />
        <Panel title={translate('tsunagu.matching.follow_ups')} id="matching-follow-ups">
          <FollowUps />
        </Panel>
      </Box>
    </Show>
  );
}
