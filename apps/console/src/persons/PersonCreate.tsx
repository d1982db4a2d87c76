import { SimpleForm } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { BooleanInput } from 'react-admin';
import { DuplicateCandidates } from './DuplicateCandidates';
import { PersonInputs } from './PersonInputs';
import { PERSON_DEFAULTS, validatePerson } from './validation';

export function PersonCreate() {
  return (
    <TsunaguCreate>
      <SimpleForm defaultValues={PERSON_DEFAULTS} validate={(values) => validatePerson(values)}>
        <PersonInputs />
        <DuplicateCandidates />
        <BooleanInput source="confirmNotDuplicate" />
      </SimpleForm>
    </TsunaguCreate>
  );
}
