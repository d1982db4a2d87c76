import { ArrayInput, NumberInput, required, SimpleForm, SimpleFormIterator, TextInput } from 'react-admin';
import { CodeSelectArrayInput, CodeSelectInput, DistrictInput, DistrictsInput } from '../shared/codes';
import { TsunaguCreate } from '../shared/forms';
import { PersonInput } from '../shared/PersonInput';
import { words } from './words';

/** 参加ニーズの聴取: purposes, interests and the constraints the ranking respects (the person chosen from intake; only their id is kept here). */
export function NeedCreate() {
  return (
    <TsunaguCreate transform={(data: Record<string, unknown>) => ({ ...data, interests: words(data.interests) })}>
      <SimpleForm>
        <PersonInput source="personId" validate={required()} helperText="tsunagu.matching.person_hint" />
        <CodeSelectArrayInput source="purposes" table="participationPurpose" validate={required()} />
        <TextInput source="interests" helperText="tsunagu.matching.interests_hint" fullWidth />
        <DistrictInput source="homeDistrictId" />
        <DistrictsInput source="preferredDistrictIds" />
        <CodeSelectInput source="travelRange" table="travelRange" />
        <CodeSelectArrayInput source="travelMeans" table="travelMeans" />
        <ArrayInput source="availability">
          <SimpleFormIterator inline disableReordering>
            <CodeSelectInput source="weekday" table="weekday" validate={required()} />
            <CodeSelectInput source="slot" table="timeSlot" validate={required()} />
          </SimpleFormIterator>
        </ArrayInput>
        <CodeSelectInput source="maxPhysicalLoad" table="physicalLoad" />
        <NumberInput source="maxGroupSize" min={1} />
        <CodeSelectArrayInput source="accommodations" table="accommodation" />
        <NumberInput source="maxFee" min={0} />
        <TextInput source="notes" multiline minRows={2} fullWidth />
      </SimpleForm>
    </TsunaguCreate>
  );
}
