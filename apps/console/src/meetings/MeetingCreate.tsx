import { ArrayInput, DateTimeInput, required, SimpleForm, SimpleFormIterator, TextInput, useGetIdentity } from 'react-admin';
import { CodeSelectInput, OrganizationInput } from '../shared/codes';
import { TsunaguCreate } from '../shared/forms';
import { CaseInput } from '../shared/PersonInput';
import { isoDateTime } from '../progress-notes/ProgressNoteCreate';

/** Schedule a meeting: the legal type (支援会議 / 重層的支援会議 / …) apart from the local name (まるごと会議…). */
export function MeetingCreate() {
  const { identity } = useGetIdentity();
  return (
    <TsunaguCreate transform={(data: Record<string, unknown>) => ({ ...data, heldAt: isoDateTime(data.heldAt) })}>
      <SimpleForm defaultValues={{ legalType: 'jusou-meeting', convenerOrganizationId: identity?.agency, attendees: [], cases: [] }}>
        <CodeSelectInput source="legalType" table="meetingLegalType" validate={required()} helperText="tsunagu.meeting.legal_type_hint" />
        <TextInput source="localName" />
        <OrganizationInput source="convenerOrganizationId" validate={required()} />
        <TextInput source="chairStaff" />
        <DateTimeInput source="heldAt" validate={required()} />
        <TextInput source="place" />
        <ArrayInput source="attendees">
          <SimpleFormIterator inline>
            <TextInput source="name" label="resources.meetings.fields.attendees.name" validate={required()} />
            <OrganizationInput source="organizationId" label="resources.meetings.fields.attendees.organizationId" validate={required()} />
          </SimpleFormIterator>
        </ArrayInput>
        <ArrayInput source="cases">
          <SimpleFormIterator inline>
            <CaseInput source="caseId" label="resources.meetings.fields.cases.caseId" validate={required()} />
            <CodeSelectInput source="agenda" table="agenda" label="resources.meetings.fields.cases.agenda" validate={required()} />
          </SimpleFormIterator>
        </ArrayInput>
      </SimpleForm>
    </TsunaguCreate>
  );
}
