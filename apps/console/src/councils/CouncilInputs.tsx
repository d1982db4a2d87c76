import { ArrayInput, required, SimpleFormIterator, TextInput } from 'react-admin';
import { COUNCIL_LAYERS } from '@tsunagu/contracts';
import { DateInput } from '../dates/DateInput';
import { CodeSelectInput, DistrictInput, LayerSelectInput, OrganizationInput } from '../shared/codes';

export function CouncilInputs() {
  return (
    <>
      <TextInput source="name" validate={required()} fullWidth />
      <LayerSelectInput source="layer" table="councilLayer" layers={COUNCIL_LAYERS} validate={required()} />
      <DistrictInput source="districtId" />
      <DateInput source="establishedOn" />
      <CodeSelectInput source="status" table="councilStatus" />
      <ArrayInput source="members">
        <SimpleFormIterator inline>
          <TextInput source="role" label="役割" validate={required()} />
          <OrganizationInput source="organizationId" />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}
