import { ArrayInput, required, SimpleFormIterator, TextInput } from 'react-admin';
import { DateTimeInput } from '../dates/DateTimeInput';
import { CodeSelectInput, OrganizationInput } from '../shared/codes';
import { CaseInput } from '../shared/PersonInput';
import { StaffInput } from '../shared/StaffInput';

/** A meeting's arrangements: name, convener, chair, date and place, attendees, and the cases on the agenda. */
export function MeetingInputs() {
  return (
    <>
      <TextInput source="localName" />
      <OrganizationInput source="convenerOrganizationId" validate={required()} ownDesk />
      <StaffInput source="chairStaff" />
      <DateTimeInput source="heldAt" validate={required()} />
      <TextInput source="place" />
      <ArrayInput source="attendees">
        <SimpleFormIterator inline>
          <TextInput source="name" label="resources.meetings.fields.attendees.name" validate={required()} />
          <OrganizationInput source="organizationId" label="resources.meetings.fields.attendees.organizationId" validate={required()} />
          <StaffInput source="staffSubject" label="resources.meetings.fields.attendees.staffSubject" helperText="tsunagu.meeting.staff_subject_hint" />
        </SimpleFormIterator>
      </ArrayInput>
      <ArrayInput source="cases">
        <SimpleFormIterator inline>
          <CaseInput source="caseId" label="resources.meetings.fields.cases.caseId" validate={required()} />
          <CodeSelectInput source="agenda" table="agenda" label="resources.meetings.fields.cases.agenda" validate={required()} />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}

/** What a meeting decided per case, and its minutes (開催済 and before 記録確定). */
export function MeetingRecordInputs() {
  return (
    <>
      <ArrayInput source="decisions">
        <SimpleFormIterator inline>
          <CaseInput source="caseId" label="resources.meetings.fields.decisions.caseId" validate={required()} />
          <TextInput source="decision" label="resources.meetings.fields.decisions.decision" validate={required()} sx={{ minWidth: 360 }} />
        </SimpleFormIterator>
      </ArrayInput>
      <TextInput source="minutes" multiline minRows={4} fullWidth />
    </>
  );
}
