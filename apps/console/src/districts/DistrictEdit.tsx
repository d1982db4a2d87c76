import { SimpleForm } from 'react-admin';
import { TsunaguEdit } from '../shared/forms';
import { DistrictInputs } from './DistrictInputs';

export function DistrictEdit() {
  return (
    <TsunaguEdit>
      <SimpleForm>
        <DistrictInputs />
      </SimpleForm>
    </TsunaguEdit>
  );
}
