import { SimpleForm } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { CommunityResourceInputs } from './CommunityResourceInputs';

export function CommunityResourceCreate() {
  return (
    <TsunaguCreate>
      <SimpleForm defaultValues={{ public: false }}>
        <CommunityResourceInputs />
      </SimpleForm>
    </TsunaguCreate>
  );
}
