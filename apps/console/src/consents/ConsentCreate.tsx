import { AutocompleteArrayInput, ReferenceArrayInput, required, SimpleForm, TextInput } from 'react-admin';
import { CodeSelectInput, OrganizationInput } from '../shared/codes';
import { TsunaguCreate } from '../shared/forms';
import { PersonInput } from '../shared/PersonInput';

/** A consent is recorded as given, refused or not judgeable; 撤回 is its own action on the record. */
const RECORDABLE = ['obtained', 'refused', 'unable-to-judge'];

/** Record a consent (取得), a refusal (拒否) or that the person could not judge (判断不能). */
export function ConsentCreate() {
  return (
    <TsunaguCreate>
      <SimpleForm defaultValues={{ status: 'obtained', method: 'signature', scope: 'agency-sharing', targetOrganizationIds: [] }}>
        <PersonInput validate={required()} />
        <CodeSelectInput source="scope" table="consentScope" validate={required()} />
        <ReferenceArrayInput source="targetOrganizationIds" reference="organizations">
          <AutocompleteArrayInput optionText="name" filterToQuery={(q: string) => ({ q })} fullWidth sx={{ maxWidth: 720 }} />
        </ReferenceArrayInput>
        <CodeSelectInput source="method" table="consentMethod" validate={required()} />
        <CodeSelectInput source="status" table="consentStatus" only={RECORDABLE} validate={required()} />
        <OrganizationInput source="obtainedByOrganizationId" ownDesk />
        <TextInput source="documentRef" />
      </SimpleForm>
    </TsunaguCreate>
  );
}
