import { required, SimpleForm, TextInput, useTranslate } from 'react-admin';
import { Typography } from '@mui/material';
import { DateInput } from '../dates/DateInput';
import { CodeSelectArrayInput, CodeSelectInput, DistrictInput, OrganizationInput } from '../shared/codes';
import { TsunaguCreate } from '../shared/forms';
import { HouseholdInput, PersonInput } from '../shared/PersonInput';

/** Either a known person/household (intake ids) or, at first, only a place and what was seen (場所のみ). */
const identityGiven = (_value: unknown, values: Record<string, unknown>) =>
  values.personId || values.householdId || (typeof values.locationDescription === 'string' && values.locationDescription.trim()) ? undefined : 'tsunagu.outreach.identity_required';

/** 対象の登録: a person, a household, or a place and what was seen when nobody is known yet. */
export function TargetCreate() {
  const translate = useTranslate();
  return (
    <TsunaguCreate>
      <SimpleForm>
        <Typography variant="body2">{translate('tsunagu.outreach.identity_hint')}</Typography>
        <TextInput source="locationDescription" multiline minRows={2} fullWidth validate={identityGiven} />
        <PersonInput source="personId" helperText="tsunagu.outreach.intake_person_hint" />
        <HouseholdInput source="householdId" helperText="tsunagu.outreach.intake_household_hint" />
        <CodeSelectInput source="discoveryRoute" table="discoveryRoute" validate={required()} />
        <DateInput source="discoveredOn" />
        <CodeSelectArrayInput source="reasonTags" table="issueTag" />
        <CodeSelectInput source="riskLevel" table="riskLevel" validate={required()} />
        <DistrictInput source="districtId" />
        <OrganizationInput source="assignedOrganizationId" validate={required()} ownDesk />
        <TextInput source="note" multiline minRows={2} fullWidth />
      </SimpleForm>
    </TsunaguCreate>
  );
}
