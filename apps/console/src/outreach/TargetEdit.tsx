import { SimpleForm, TextInput } from 'react-admin';
import { CodeSelectArrayInput, CodeSelectInput, DistrictInput, OrganizationInput } from '../shared/codes';
import { TsunaguEdit } from '../shared/forms';

/** Edit a target — e.g. link the person or household found later, so a place-only target can be handed over. */
export function TargetEdit() {
  return (
    <TsunaguEdit>
      <SimpleForm>
        <TextInput source="personId" helperText="tsunagu.outreach.intake_id_hint" />
        <TextInput source="householdId" helperText="tsunagu.outreach.intake_id_hint" />
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
