import { SimpleForm } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { CouncilMeetingInputs } from './CouncilMeetingInputs';

export function CouncilMeetingCreate() {
  return (
    <TsunaguCreate redirect={(_resource, _id, data) => `councils/${String(data?.councilId)}/show`}>
      <SimpleForm>
        <CouncilMeetingInputs />
      </SimpleForm>
    </TsunaguCreate>
  );
}
