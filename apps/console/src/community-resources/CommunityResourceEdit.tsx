import { SimpleForm } from 'react-admin';
import { TsunaguEdit } from '../shared/forms';
import { CommunityResourceInputs } from './CommunityResourceInputs';

export function CommunityResourceEdit() {
  return (
    <TsunaguEdit>
      <SimpleForm>
        <CommunityResourceInputs />
      </SimpleForm>
    </TsunaguEdit>
  );
}
