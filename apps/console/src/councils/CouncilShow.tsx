import { ArrayField, Datagrid, EditButton, ListButton, NumberField, ReferenceManyField, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext, CreateButton } from 'react-admin';
import { DateField } from '../dates/DateField';
import { DistrictField, LayerField, OrganizationField, StatusField } from '../shared/codes';

function AddMeetingButton() {
  const record = useRecordContext();
  if (!record) return null;
  return <CreateButton resource="council-meetings" state={{ record: { councilId: record.id } }} label="ra.action.create" />;
}

function ShowActions() {
  return (
    <TopToolbar>
      <EditButton />
      <ListButton />
    </TopToolbar>
  );
}

export function CouncilShow() {
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="name" />
        <LayerField source="layer" table="councilLayer" />
        <DistrictField source="districtId" />
        <StatusField source="status" table="councilStatus" />
        <DateField source="establishedOn" />
        <ArrayField source="members">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <TextField source="role" label="役割" />
            <OrganizationField source="organizationId" />
          </Datagrid>
        </ArrayField>
        <ReferenceManyField reference="council-meetings" target="councilId" source="id" label="resources.councils.fields.meetings" sort={{ field: 'heldOn', order: 'DESC' }}>
          <AddMeetingButton />
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <DateField source="heldOn" />
            <NumberField source="participantsCount" />
            <TextField source="issuesRaised" />
            <TextField source="actionsAgreed" />
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
