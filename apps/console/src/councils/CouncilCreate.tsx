import { SimpleForm } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { CouncilInputs } from './CouncilInputs';

export function CouncilCreate() {
  return (
    <TsunaguCreate>
      <SimpleForm>
        <CouncilInputs />
      </SimpleForm>
    </TsunaguCreate>
  );
}
