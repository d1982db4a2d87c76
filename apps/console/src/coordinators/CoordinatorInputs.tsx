import { required, TextInput } from 'react-admin';
import { COORDINATOR_LAYERS } from '@tsunagu/contracts';
import { DateInput } from '../dates/DateInput';
import { DistrictsInput, LayerSelectInput, OrganizationInput } from '../shared/codes';

export function CoordinatorInputs() {
  return (
    <>
      <TextInput source="staffDisplayName" validate={required()} />
      <LayerSelectInput source="layer" table="coordinatorLayer" layers={COORDINATOR_LAYERS} validate={required()} />
      <DistrictsInput />
      <OrganizationInput source="employerOrganizationId" />
      <DateInput source="assignedFrom" validate={required()} />
      <DateInput source="assignedTo" />
    </>
  );
}
