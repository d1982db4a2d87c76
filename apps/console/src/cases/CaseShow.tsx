import { ChipField, CreateButton, Datagrid, ListButton, ReferenceArrayField, ReferenceField, ReferenceManyField, Show, SimpleShowLayout, SingleFieldList, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, OrganizationField, StatusField, useCanRead } from '../shared/codes';
import { RecordPrintButton } from '../shared/PrintPdfButton';
import { StaffField } from '../shared/StaffField';
import { CaseActions } from './CaseActions';

function ShowActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <CaseActions />
      <RecordPrintButton path={(record) => `intake/cases/${record.id}/progress-notes/pdf`} label="tsunagu.forms.print_progress" fileName="progress.pdf" />
      <ListButton />
    </TopToolbar>
  );
}

function AddButtons() {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <TopToolbar sx={{ justifyContent: 'flex-start' }}>
      <CreateButton resource="plans" label="tsunagu.case.draft_plan" state={{ record: { caseId: record.id } }} />
      <CreateButton resource="progress-notes" label="tsunagu.case.add_note" state={{ record: { caseId: record.id, legalBasis: record.track === 'consented' ? 'consent' : 'own-duty' } }} />
      <CreateButton resource="meetings" label="tsunagu.case.schedule_meeting" state={{ record: { cases: [{ caseId: record.id, agenda: 'plan-review' }] } }} />
    </TopToolbar>
  );
}

/** A 多機関協働 case: its household, organisations, status and transitions, plans (versions), meetings and notes. */
export function CaseShow() {
  const canRead = { households: useCanRead('households'), persons: useCanRead('persons'), consultations: useCanRead('consultations'), plans: useCanRead('plans') };
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="caseNo" />
        <DateField source="openedOn" />
        {canRead.households && <ReferenceField source="householdId" reference="households" link="show" />}
        {canRead.persons && <ReferenceField source="keyPersonId" reference="persons" link="show" />}
        {canRead.consultations && <ReferenceField source="consultationId" reference="consultations" link="show" />}
        <CodeField source="track" table="caseTrack" />
        <StatusField source="status" table="caseStatus" />
        <OrganizationField source="coordinatorOrganizationId" />
        <StaffField source="coordinatorStaff" />
        <OrganizationField source="leadOrganizationId" />
        <ReferenceArrayField source="memberOrganizationIds" reference="organizations">
          <SingleFieldList linkType="show">
            <ChipField source="name" size="small" />
          </SingleFieldList>
        </ReferenceArrayField>
        <DateField source="supportDecidedOn" />
        <DateField source="suspendedOn" />
        <TextField source="suspensionReason" />
        <DateField source="closedOn" />
        <CodeField source="closureReason" table="closureReason" />
        <AddButtons />
        {canRead.plans && (
          <ReferenceManyField reference="plans" target="caseId" label="resources.cases.fields.plans" sort={{ field: 'planVersion', order: 'DESC' }}>
            <Datagrid bulkActionButtons={false} rowClick="show" empty={<span />}>
              <TextField source="planVersion" />
              <DateField source="createdOn" />
              <StatusField source="status" table="planStatus" />
              <DateField source="nextReviewOn" />
            </Datagrid>
          </ReferenceManyField>
        )}
        <ReferenceManyField reference="meetings" target="caseId" label="resources.cases.fields.meetings" sort={{ field: 'heldAt', order: 'DESC' }}>
          <Datagrid bulkActionButtons={false} rowClick="show" empty={<span />}>
            <DateField source="heldAt" showTime />
            <CodeField source="legalType" table="meetingLegalType" />
            <TextField source="localName" />
            <StatusField source="status" table="meetingStatus" />
          </Datagrid>
        </ReferenceManyField>
        <ReferenceManyField reference="progress-notes" target="caseId" label="resources.cases.fields.notes" sort={{ field: 'occurredAt', order: 'DESC' }}>
          <Datagrid bulkActionButtons={false} rowClick="show" empty={<span />}>
            <DateField source="occurredAt" showTime />
            <CodeField source="kind" table="noteKind" />
            <CodeField source="legalBasis" table="legalBasis" />
            <TextField source="text" />
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
