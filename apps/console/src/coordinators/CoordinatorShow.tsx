import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateField } from '../dates/DateField';
import { DistrictsField, LayerField, OrganizationField } from '../shared/codes';

export function CoordinatorShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="staffDisplayName" />
        <LayerField source="layer" table="coordinatorLayer" />
        <DistrictsField source="districtIds" />
        <OrganizationField source="employerOrganizationId" />
        <DateField source="assignedFrom" />
        <DateField source="assignedTo" />
      </SimpleShowLayout>
    </Show>
  );
}
