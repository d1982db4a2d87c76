import { SimpleForm, useGetIdentity } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { ConsultationInputs } from './ConsultationInputs';

export function ConsultationCreate() {
  const { identity } = useGetIdentity();
  return (
    <TsunaguCreate>
      <SimpleForm
        defaultValues={{ route: 'walk-in', consultantRelation: 'self', urgency: 'medium', consentStatus: 'unconfirmed', jigyoAttribution: 'tsunagaru-desk', receivingOrganizationId: identity?.agency, categories: [] }}
      >
        <ConsultationInputs />
      </SimpleForm>
    </TsunaguCreate>
  );
}
