import { CreateButton, Datagrid, ListButton, ReferenceField, ReferenceManyField, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeArrayField, CodeField, OrganizationField, StatusField } from '../shared/codes';

function ReferButton() {
  const record = useRecordContext();
  if (!record || record.status === 'cancelled') return null;
  return <CreateButton resource="referrals" label="tsunagu.intake.refer" state={{ record: { consultationId: record.id, infoBasis: 'consent' } }} />;
}

function ShowActions() {
  return (
    <TopToolbar>
      <ReferButton />
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
