import { AutocompleteArrayInput, AutocompleteInput, ReferenceArrayInput, ReferenceInput, required, SimpleForm, useGetIdentity } from 'react-admin';
import { CodeSelectInput, OrganizationInput } from '../shared/codes';
import { TsunaguCreate } from '../shared/forms';
import { PersonInput } from '../shared/PersonInput';

/** Open a case: 潜在 (pre-consent, 支援会議 track) or, with consent for 重層的支援会議, the 重層 track. */
export function CaseCreate() {
  const { identity } = useGetIdentity();
  return (
    <TsunaguCreate>
      <SimpleForm defaultValues={{ track: 'pre-consent', coordinatorOrganizationId: identity?.desk, memberOrganizationIds: [] }}>
        <ReferenceInput source="householdId" reference="households">
          <AutocompleteInput optionText="label" validate={required()} filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <PersonInput source="keyPersonId" validate={required()} />
        <ReferenceInput source="consultationId" reference="consultations">
          <AutocompleteInput optionText="receptionNo" filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <CodeSelectInput source="track" table="caseTrack" validate={required()} />
        <OrganizationInput source="coordinatorOrganizationId" validate={required()} ownDesk />
        <ReferenceArrayInput source="memberOrganizationIds" reference="organizations">
          <AutocompleteArrayInput optionText="name" filterToQuery={(q: string) => ({ q })} fullWidth sx={{ maxWidth: 720 }} />
        </ReferenceArrayInput>
      </SimpleForm>
    </TsunaguCreate>
  );
}
