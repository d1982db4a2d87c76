import { AutocompleteInput, BooleanInput, ReferenceInput, required, SimpleForm, TextInput } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { CodeSelectInput, OrganizationInput } from '../shared/codes';

/** つなぐ: refer a consultation to an agency under a legal basis (consent, 106条の6 支援会議, 通報). */
export function ReferralCreate() {
  return (
    <TsunaguCreate>
      <SimpleForm defaultValues={{ infoBasis: 'consent', accompanied: false }}>
        <ReferenceInput source="consultationId" reference="consultations">
          <AutocompleteInput optionText="receptionNo" validate={required()} filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <OrganizationInput source="toOrganizationId" validate={required()} />
        <CodeSelectInput source="infoBasis" table="legalBasis" validate={required()} />
        <TextInput source="basisNote" fullWidth />
        <BooleanInput source="accompanied" />
        <TextInput source="requestNote" multiline minRows={3} fullWidth />
      </SimpleForm>
    </TsunaguCreate>
  );
}
