import { SimpleForm } from 'react-admin';
import { TsunaguCreate, TsunaguEdit } from '../shared/forms';
import { HostInputs } from './HostInputs';

/** Register an organisation as a host (受入先・協力事業者). */
export function HostCreate() {
  return (
    <TsunaguCreate>
      <SimpleForm>
        <HostInputs create />
      </SimpleForm>
    </TsunaguCreate>
  );
}

/** Edit a host's terms and agreement status (PATCH with If-Match). */
export function HostEdit() {
  return (
    <TsunaguEdit>
      <SimpleForm>
        <HostInputs />
      </SimpleForm>
    </TsunaguEdit>
  );
}
