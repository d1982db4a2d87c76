import { SimpleForm } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { householdBody, HouseholdInputs } from './HouseholdInputs';

export function HouseholdCreate() {
  return (
    <TsunaguCreate transform={householdBody}>
      <SimpleForm defaultValues={{ members: [] }}>
        <HouseholdInputs />
      </SimpleForm>
    </TsunaguCreate>
  );
}
