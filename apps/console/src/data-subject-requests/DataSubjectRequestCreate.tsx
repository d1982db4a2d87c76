import { Create, FormDataConsumer, ReferenceInput, required, SelectInput, SimpleForm, TextInput, AutocompleteInput } from 'react-admin';
import { IDENTITY_CHOICES, KIND_CHOICES, REQUESTER_CHOICES } from './choices';

/** 受付: who asked, about whom, how identity was verified; a 訂正請求 names the corrected fields. */
export function DataSubjectRequestCreate() {
  return (
    <Create redirect="show">
      <SimpleForm defaultValues={{ kind: 'disclosure', requesterRelation: 'self' }}>
        <SelectInput source="kind" choices={KIND_CHOICES} translateChoice={false} validate={required()} />
        <ReferenceInput source="personId" reference="persons">
          <AutocompleteInput validate={required()} filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <SelectInput source="requesterRelation" choices={REQUESTER_CHOICES} translateChoice={false} validate={required()} />
        <SelectInput source="identityVerification" choices={IDENTITY_CHOICES} translateChoice={false} validate={required()} />
        <TextInput source="requestText" multiline fullWidth />
        <FormDataConsumer>
          {({ formData }) =>
            formData.kind === 'correction' ? (
              <>
                <TextInput source="corrections.familyName" label="resources.data-subject-requests.fields.correctedFamilyName" />
                <TextInput source="corrections.givenName" label="resources.data-subject-requests.fields.correctedGivenName" />
                <TextInput source="corrections.familyNameKana" label="resources.data-subject-requests.fields.correctedFamilyNameKana" />
                <TextInput source="corrections.givenNameKana" label="resources.data-subject-requests.fields.correctedGivenNameKana" />
                <TextInput source="corrections.email" label="resources.data-subject-requests.fields.correctedEmail" />
              </>
            ) : null
          }
        </FormDataConsumer>
      </SimpleForm>
    </Create>
  );
}
