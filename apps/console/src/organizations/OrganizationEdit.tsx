import { BooleanInput, SimpleForm } from 'react-admin';
import { TsunaguEdit } from '../shared/forms';
import { OrganizationInputs } from './OrganizationInputs';

export function OrganizationEdit() {
  return (
    <TsunaguEdit>
      <SimpleForm>
        <OrganizationInputs />
        <BooleanInput source="archived" />
      </SimpleForm>
    </TsunaguEdit>
  );
}
