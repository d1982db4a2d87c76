import { SimpleForm } from 'react-admin';
import { TsunaguEdit } from '../shared/forms';
import { CoordinatorInputs } from './CoordinatorInputs';

export function CoordinatorEdit() {
  return (
    <TsunaguEdit>
      <SimpleForm>
        <CoordinatorInputs />
      </SimpleForm>
    </TsunaguEdit>
  );
}
