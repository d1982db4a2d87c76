import { SimpleForm, TextInput } from 'react-admin';
import { CodeSelectArrayInput, CodeSelectInput, DistrictInput, OrganizationInput } from '../shared/codes';
import { TsunaguEdit } from '../shared/forms';
import { HouseholdInput, PersonInput } from '../shared/PersonInput';

/** Edit a target — e.g. link the person or household found later, so a place-only target can be handed over. */
export function TargetEdit() {
  return (
    <TsunaguEdit>
      <SimpleForm>
        <PersonInput source="personId" helperText="tsunagu.outreach.intake_person_hint" />
        <HouseholdInput source="householdId" helperText="tsunagu.outreach.intake_household_hint" />
        <TextInput source="locationDescription" multiline minRows={2} fullWidth />
        <CodeSelectArrayInput source="reasonTags" table="issueTag" />
        <CodeSelectInput source="riskLevel" table="riskLevel" />
        <DistrictInput source="districtId" />
        <OrganizationInput source="assignedOrganizationId" />
        <TextInput source="note" multiline minRows={2} fullWidth />
      </SimpleForm>
    </TsunaguEdit>
  );
}
