import { Alert } from '@mui/material';
import { ArrayField, Datagrid, EditButton, ListButton, ReferenceField, SelectInput, Show, SimpleShowLayout, TextField, TopToolbar, required, useGetIdentity, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, OrganizationField, StatusField } from '../shared/codes';
import { RecordPrintButton } from '../shared/PrintPdfButton';
import { ActionBar, RecordActionButton } from '../shared/RecordActionButtons';
import { StaffField } from '../shared/StaffField';
import { MeetingBasis } from './MeetingBasis';

interface Attendee {
  staffSubject: string | null;
  name: string;
  organizationId: string;
  confidentialityAckAt: string | null;
}

const attendeesOf = (record: RaRecord | undefined): Attendee[] => (record?.attendees as Attendee[] | undefined) ?? [];
const acknowledgeable = (record: RaRecord) => record.status === 'scheduled' || record.status === 'held';

/**
 * 守秘義務の確認 is given per person: an attendee listed under their own account confirms it themself; the
 * secretariat (municipal staff) enters the signed paper form of one named attendee. Organisations confirm nothing.
 */
function AcknowledgeButtons() {
  const { identity } = useGetIdentity();
  const record = useRecordContext();
  const attendees = attendeesOf(record);
  const me = attendees.find((attendee) => attendee.staffSubject === identity?.id && (!identity?.agency || attendee.organizationId === identity.agency));
  const pending = attendees.map((attendee, index) => ({ attendee, index })).filter(({ attendee }) => !attendee.confidentialityAckAt);
  return (
    <>
      <RecordActionButton
        action="acknowledge-confidentiality"
        label="tsunagu.meeting.acknowledge_self"
        done="tsunagu.meeting.acknowledged"
        primary
        when={(current) => acknowledgeable(current) && me !== undefined && !me.confidentialityAckAt}
      />
      {!identity?.agency && (
        <RecordActionButton
          action="acknowledge-confidentiality"
          label="tsunagu.meeting.acknowledge"
          done="tsunagu.meeting.acknowledged"
          when={(current) => acknowledgeable(current) && pending.length > 0}
          inputs={
            <SelectInput
              source="attendee"
              label="tsunagu.meeting.acknowledge_for"
              choices={pending.map(({ attendee, index }) => ({ id: String(index), name: attendee.name }))}
              validate={required()}
            />
          }
          transform={(values) => {
            const attendee = attendees[Number(values.attendee)];
            return attendee.staffSubject ? { staffSubject: attendee.staffSubject, organizationId: attendee.organizationId } : { name: attendee.name, organizationId: attendee.organizationId };
          }}
        />
      )}
    </>
  );
}

/** Minutes withheld from a caller who is neither the secretariat nor an attendee who acknowledged confidentiality. */
function MaterialWithheld() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record?.materialWithheld) return null;
  return <Alert severity="info">{translate('tsunagu.meeting.material_withheld')}</Alert>;
}

function ShowActions() {
  const record = useRecordContext();
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <ActionBar>
        <AcknowledgeButtons />
        <RecordActionButton action="hold" label="tsunagu.meeting.hold" done="tsunagu.meeting.done" primary when={(record) => record.status === 'scheduled'} />
        <RecordActionButton action="finalise" label="tsunagu.meeting.finalise" done="tsunagu.meeting.done" primary when={(record) => record.status === 'held'} />
        <RecordActionButton action="cancel" label="tsunagu.meeting.cancel" done="tsunagu.meeting.done" danger when={(record) => record.status === 'scheduled'} />
      </ActionBar>
      {(record?.status === 'scheduled' || record?.status === 'held') && <EditButton />}
      <RecordPrintButton path={(shown) => `intake/meetings/${shown.id}/pdf`} fileName="meeting.pdf" />
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
        <StaffField source="chairStaff" />
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
        <MaterialWithheld />
        <TextField source="minutes" sx={{ whiteSpace: 'pre-wrap' }} />
      </SimpleShowLayout>
    </Show>
  );
}
