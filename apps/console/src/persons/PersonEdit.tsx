import { SimpleForm } from 'react-admin';
import { TsunaguEdit } from '../shared/forms';
import { PersonInputs } from './PersonInputs';

export function PersonEdit() {
  return (
    <TsunaguEdit>
      <SimpleForm>
        <PersonInputs />
      </SimpleForm>
    </TsunaguEdit>
  );
}
