import { required, TextInput } from 'react-admin';
import { DateInput } from '../dates/DateInput';
import { CodeSelectInput, OrganizationInput } from '../shared/codes';
import { MeetingInput } from '../shared/PersonInput';
import { ActionBar, RecordActionButton } from '../shared/RecordActionButtons';

const CASE_BUTTONS = [
  { action: 'record-consent', primary: true },
  { action: 'start-assessment', primary: true },
  { action: 'start-planning', primary: true },
  { action: 'start-support', primary: true },
  { action: 'start-evaluation' },
  { action: 'resume', primary: true },
] as const;

/** The case's transitions the API allows from its status (`allowedActions`) and the user's roles allow. */
export function CaseActions() {
  return (
    <ActionBar>
      {CASE_BUTTONS.map(({ action, ...rest }) => (
        <RecordActionButton key={action} action={action} label={`tsunagu.case.actions.${action}`} done="tsunagu.case.done" {...rest} />
      ))}
      <RecordActionButton
        action="decide-support"
        label="tsunagu.case.actions.decide-support"
        done="tsunagu.case.done"
        primary
        inputs={
          <>
            <DateInput source="decidedOn" label="resources.cases.fields.supportDecidedOn" />
            <MeetingInput source="meetingId" label="resources.cases.fields.supportDecisionMeetingId" filter={{ legalType: 'jusou-meeting' }} />
          </>
        }
      />
      <RecordActionButton
        action="assign-lead"
        label="tsunagu.case.actions.assign-lead"
        done="tsunagu.case.done"
        when={(record) => record.status !== 'closed'}
        inputs={<OrganizationInput source="leadOrganizationId" label="resources.cases.fields.leadOrganizationId" validate={required()} />}
      />
      <RecordActionButton
        action="release-coordinator"
        label="tsunagu.case.actions.release-coordinator"
        done="tsunagu.case.done"
        when={(record) => ['in-support', 'evaluating'].includes(String(record.status)) && Boolean(record.leadOrganizationId) && !record.coordinatorReleasedAt}
      />
      <RecordActionButton action="suspend" label="tsunagu.case.actions.suspend" done="tsunagu.case.done" inputs={<TextInput source="reason" label="resources.cases.fields.suspensionReason" validate={required()} fullWidth />} />
      <RecordActionButton
        action="close"
        label="tsunagu.case.actions.close"
        done="tsunagu.case.done"
        danger
        inputs={
          <>
            <CodeSelectInput source="reason" table="closureReason" label="resources.cases.fields.closureReason" validate={required()} />
            <TextInput source="note" label="resources.cases.fields.closureNote" multiline fullWidth />
          </>
        }
      />
    </ActionBar>
  );
}
