import { SimpleForm } from 'react-admin';
import { TsunaguEdit } from '../shared/forms';
import { CouncilInputs } from './CouncilInputs';

export function CouncilEdit() {
  return (
    <TsunaguEdit>
      <SimpleForm>
        <CouncilInputs />
      </SimpleForm>
    </TsunaguEdit>
  );
}
