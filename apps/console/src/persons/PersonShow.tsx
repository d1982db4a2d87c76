import { ArrayField, BooleanField, CreateButton, Datagrid, EditButton, ListButton, ReferenceManyField, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, DistrictField, StatusField } from '../shared/codes';

function ReceiveButton() {
  const record = useRecordContext();
  if (!record) return null;
  return <CreateButton resource="consultations" label="tsunagu.intake.receive" state={{ record: { personId: record.id } }} />;
}

function ShowActions() {
  return (
    <TopToolbar>
      <ReceiveButton />
      <EditButton />
      <ListButton />
    </TopToolbar>
  );
}

/** A person's page: identity, contacts, and the timeline of consultations (each with its referrals). */
export function PersonShow() {
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="familyName" />
        <TextField source="givenName" />
        <TextField source="familyNameKana" />
        <TextField source="givenNameKana" />
        <DateField source="birthDate" />
        <CodeField source="sex" table="sex" />
        <CodeField source="identityLevel" table="identityLevel" />
        <TextField source="addressRaw" />
        <DistrictField source="districtId" />
        <ArrayField source="phones">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <CodeField source="type" table="phoneType" label="resources.persons.fields.phones.type" />
            <TextField source="number" label="resources.persons.fields.phones.number" />
          </Datagrid>
        </ArrayField>
        <BooleanField source="dvAddressProtection" />
        <ReferenceManyField reference="consultations" target="personId" label="resources.persons.fields.consultations" sort={{ field: 'receivedAt', order: 'DESC' }}>
          <Datagrid bulkActionButtons={false} rowClick="show">
            <DateField source="receivedAt" showTime />
            <TextField source="receptionNo" />
            <CodeField source="primaryCategory" table="consultationCategory" />
            <StatusField source="status" table="consultationStatus" />
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
