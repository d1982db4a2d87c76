import { required, TextInput, useGetIdentity } from 'react-admin';
import { DateTimeInput } from '../dates/DateTimeInput';
import { PersonInput } from '../shared/PersonInput';
import { CodeSelectArrayInput, CodeSelectInput, OrganizationInput } from '../shared/codes';

/** One screen for a consultation at the desk: who, where it came from, what it is about, how urgent. */
export function ConsultationInputs() {
  // A desk user (a token with agency) receives at their own desk only: the receiver is preset and not theirs to change (issue 13).
  const { identity } = useGetIdentity();
  return (
    <>
      <PersonInput />
      <DateTimeInput source="receivedAt" validate={required()} helperText="tsunagu.consultation.received_at_hint" />
      <OrganizationInput source="receivingOrganizationId" validate={required()} readOnly={Boolean(identity?.agency)} helperText={identity?.agency ? 'tsunagu.consultation.own_desk' : undefined} />
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
