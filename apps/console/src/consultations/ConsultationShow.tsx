import { CreateButton, Datagrid, ListButton, ReferenceField, ReferenceManyField, required, Show, SimpleShowLayout, TextField, TextInput, TopToolbar, useRecordContext } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeArrayField, CodeField, CodeSelectInput, OrganizationField, StatusField } from '../shared/codes';
import { RecordPrintButton } from '../shared/PrintPdfButton';
import { ActionBar, RecordActionButton } from '../shared/RecordActionButtons';

function ReferButton() {
  const record = useRecordContext();
  if (!record || record.status === 'cancelled') return null;
  return <CreateButton resource="referrals" label="tsunagu.intake.refer" state={{ record: { consultationId: record.id, infoBasis: 'consent' } }} />;
}

function LifecycleButtons() {
  return (
    <ActionBar>
      <RecordActionButton action="start-screening" label="tsunagu.consultation.start-screening" done="tsunagu.consultation.done" primary />
      <RecordActionButton
        action="triage"
        label="tsunagu.consultation.triage"
        done="tsunagu.consultation.done"
        primary
        inputs={<CodeSelectInput source="disposition" table="disposition" label="resources.consultations.fields.disposition" validate={required()} />}
      />
      <RecordActionButton action="close" label="tsunagu.consultation.close" done="tsunagu.consultation.done" />
      <RecordActionButton
        action="cancel"
        label="tsunagu.consultation.cancel"
        done="tsunagu.consultation.done"
        danger
        inputs={<TextInput source="reason" label="resources.consultations.fields.cancellationReason" validate={required()} fullWidth />}
      />
    </ActionBar>
  );
}

function ShowActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <LifecycleButtons />
      <ReferButton />
      <RecordPrintButton path={(record) => `intake/consultations/${record.id}/pdf`} fileName="consultation.pdf" />
      <ListButton />
    </TopToolbar>
  );
}

export function ConsultationShow() {
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="receptionNo" />
        <DateField source="receivedAt" showTime />
        <ReferenceField source="personId" reference="persons" link="show" />
        <OrganizationField source="receivingOrganizationId" />
        <CodeField source="route" table="consultationRoute" />
        <CodeField source="consultantRelation" table="consultantRelation" />
        <CodeArrayField source="categories" table="consultationCategory" />
        <CodeField source="primaryCategory" table="consultationCategory" />
        <CodeArrayField source="issueTags" table="issueTag" />
        <TextField source="mainComplaint" />
        <CodeField source="urgency" table="urgency" />
        <CodeField source="consentStatus" table="consultationConsentStatus" />
        <CodeField source="jigyoAttribution" table="jigyoAttribution" />
        <StatusField source="status" table="consultationStatus" />
        <CodeField source="disposition" table="disposition" />
        <ReferenceField source="householdId" reference="households" link="show" />
        <ReferenceManyField reference="referrals" target="consultationId" label="resources.consultations.fields.referrals" sort={{ field: 'referredOn', order: 'DESC' }}>
          <Datagrid bulkActionButtons={false} rowClick="show">
            <DateField source="referredOn" />
            <OrganizationField source="toOrganizationId" />
            <CodeField source="infoBasis" table="legalBasis" />
            <StatusField source="status" table="referralStatus" />
            <DateField source="followUpDue" />
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
