import { ArrayField, Datagrid, EditButton, ListButton, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar, required, useGetIdentity, useRecordContext } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, OrganizationField, OrganizationInput, StatusField } from '../shared/codes';
import { ActionBar, RecordActionButton } from '../shared/RecordActionButtons';
import { MeetingBasis } from './MeetingBasis';

function ShowActions() {
  const { identity } = useGetIdentity();
  const record = useRecordContext();
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <ActionBar>
        <RecordActionButton
          action="acknowledge-confidentiality"
          label="tsunagu.meeting.acknowledge"
          done="tsunagu.meeting.acknowledged"
          when={(record) => record.status === 'scheduled' && record.legalType === 'support-meeting-106-6'}
          defaultValues={{ organizationId: identity?.agency }}
          inputs={<OrganizationInput source="organizationId" label="tsunagu.meeting.acknowledge_for" validate={required()} />}
        />
        <RecordActionButton action="hold" label="tsunagu.meeting.hold" done="tsunagu.meeting.done" primary when={(record) => record.status === 'scheduled'} />
        <RecordActionButton action="finalise" label="tsunagu.meeting.finalise" done="tsunagu.meeting.done" primary when={(record) => record.status === 'held'} />
        <RecordActionButton action="cancel" label="tsunagu.meeting.cancel" done="tsunagu.meeting.done" danger when={(record) => record.status === 'scheduled'} />
      </ActionBar>
      {(record?.status === 'scheduled' || record?.status === 'held') && <EditButton />}
      <ListButton />
    </TopToolbar>
  );
}

/** A meeting: legal type (and what it allows), attendees with their 守秘義務の確認, cases on the agenda, decisions. */
export function MeetingShow() {
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <CodeField source="legalType" table="meetingLegalType" />
        <MeetingBasis />
        <TextField source="localName" />
        <OrganizationField source="convenerOrganizationId" />
        <TextField source="chairStaff" />
        <DateField source="heldAt" showTime />
        <TextField source="place" />
        <StatusField source="status" table="meetingStatus" />
        <ArrayField source="attendees">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <TextField source="name" label="resources.meetings.fields.attendees.name" />
            <OrganizationField source="organizationId" label="resources.meetings.fields.attendees.organizationId" />
            <DateField source="confidentialityAckAt" showTime label="resources.meetings.fields.attendees.confidentialityAckAt" />
          </Datagrid>
        </ArrayField>
        <ArrayField source="cases">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <ReferenceField source="caseId" reference="cases" link="show" label="resources.meetings.fields.cases.caseId" />
            <CodeField source="agenda" table="agenda" label="resources.meetings.fields.cases.agenda" />
          </Datagrid>
        </ArrayField>
        <ArrayField source="decisions">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <ReferenceField source="caseId" reference="cases" link="show" label="resources.meetings.fields.decisions.caseId" />
            <TextField source="decision" label="resources.meetings.fields.decisions.decision" />
          </Datagrid>
        </ArrayField>
        <TextField source="minutes" sx={{ whiteSpace: 'pre-wrap' }} />
      </SimpleShowLayout>
    </Show>
  );
}
