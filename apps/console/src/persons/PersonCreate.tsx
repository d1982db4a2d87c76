import { SimpleForm } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { BooleanInput } from 'react-admin';
import { DuplicateCandidates } from './DuplicateCandidates';
import { PersonInputs } from './PersonInputs';

export function PersonCreate() {
  return (
    <TsunaguCreate>
      <SimpleForm defaultValues={{ identityLevel: 'confirmed', phones: [] }}>
        <PersonInputs />
        <DuplicateCandidates />
        <BooleanInput source="confirmNotDuplicate" />
      </SimpleForm>
    </TsunaguCreate>
  );
}
