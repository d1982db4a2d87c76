import { SimpleForm } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { DistrictInputs } from './DistrictInputs';

export function DistrictCreate() {
  return (
    <TsunaguCreate>
      <SimpleForm defaultValues={{ isIsland: false }}>
        <DistrictInputs />
      </SimpleForm>
    </TsunaguCreate>
  );
}
