import { SimpleForm } from 'react-admin';
import { TsunaguEdit } from '../shared/forms';
import { PersonInputs } from './PersonInputs';
import { validatePerson } from './validation';

export function PersonEdit() {
  return (
    <TsunaguEdit>
      <SimpleForm validate={(values) => validatePerson(values)}>
        <PersonInputs />
      </SimpleForm>
    </TsunaguEdit>
  );
}
