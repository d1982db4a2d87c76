import { AutocompleteInput, ReferenceInput, required, TextInput } from 'react-admin';
import { CodeSelectArrayInput, CodeSelectInput, OrganizationInput } from '../shared/codes';

const personText = (record: { familyName?: string; givenName?: string; familyNameKana?: string; givenNameKana?: string }) =>
  `${record.familyName ?? ''} ${record.givenName ?? ''}（${record.familyNameKana ?? ''} ${record.givenNameKana ?? ''}）`;

/** One screen for a consultation at the desk: who, where it came from, what it is about, how urgent. */
export function ConsultationInputs() {
  return (
    <>
      <ReferenceInput source="personId" reference="persons">
        <AutocompleteInput optionText={personText} filterToQuery={(q: string) => ({ q })} fullWidth sx={{ maxWidth: 720 }} />
      </ReferenceInput>
      <OrganizationInput source="receivingOrganizationId" validate={required()} />
      <CodeSelectInput source="route" table="consultationRoute" validate={required()} />
      <CodeSelectInput source="consultantRelation" table="consultantRelation" validate={required()} />
      <CodeSelectArrayInput source="categories" table="consultationCategory" validate={required()} />
      <CodeSelectInput source="primaryCategory" table="consultationCategory" validate={required()} />
      <CodeSelectArrayInput source="issueTags" table="issueTag" />
      <TextInput source="mainComplaint" multiline minRows={3} fullWidth />
      <CodeSelectInput source="urgency" table="urgency" validate={required()} />
      <CodeSelectInput source="consentStatus" table="consultationConsentStatus" validate={required()} />
      <CodeSelectInput source="jigyoAttribution" table="jigyoAttribution" validate={required()} />
    </>
  );
}
