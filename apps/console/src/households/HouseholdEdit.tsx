import { SimpleForm } from 'react-admin';
import { TsunaguEdit } from '../shared/forms';
import { householdBody, HouseholdInputs } from './HouseholdInputs';

/** Members are replaced as a whole (the API's PATCH), with the version as If-Match. */
export function HouseholdEdit() {
  return (
    <TsunaguEdit transform={householdBody}>
      <SimpleForm>
        <HouseholdInputs />
      </SimpleForm>
    </TsunaguEdit>
  );
}
