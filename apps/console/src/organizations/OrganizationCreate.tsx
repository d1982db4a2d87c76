import { SimpleForm } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { OrganizationInputs } from './OrganizationInputs';

export function OrganizationCreate() {
  return (
    <TsunaguCreate>
      <SimpleForm>
        <OrganizationInputs />
      </SimpleForm>
    </TsunaguCreate>
  );
}
