import { SimpleForm, useGetIdentity } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { ConsultationInputs } from './ConsultationInputs';

export function ConsultationCreate() {
  const { identity } = useGetIdentity();
  return (
    <TsunaguCreate>
      <SimpleForm
        // 受付日時 defaults to when the form opened (to the minute); staff change it when entering a reception afterwards.
        defaultValues={{ receivedAt: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString(), route: 'walk-in', consultantRelation: 'self', urgency: 'medium', consentStatus: 'unconfirmed', jigyoAttribution: 'tsunagaru-desk', receivingOrganizationId: identity?.desk, categories: [] }}
      >
        <ConsultationInputs />
      </SimpleForm>
    </TsunaguCreate>
  );
}
