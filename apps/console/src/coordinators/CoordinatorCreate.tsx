import { SimpleForm } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { CoordinatorInputs } from './CoordinatorInputs';

export function CoordinatorCreate() {
  return (
    <TsunaguCreate>
      <SimpleForm>
        <CoordinatorInputs />
      </SimpleForm>
    </TsunaguCreate>
  );
}
