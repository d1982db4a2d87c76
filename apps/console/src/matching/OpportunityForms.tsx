import { ArrayInput, BooleanInput, NumberInput, ReferenceInput, AutocompleteInput, required, SimpleForm, SimpleFormIterator, TextInput, useRecordContext } from 'react-admin';
import { CodeSelectArrayInput, CodeSelectInput, DistrictInput } from '../shared/codes';
import { TsunaguCreate, TsunaguEdit } from '../shared/forms';
import { words, wordsText } from './words';

function MenuInputs() {
  return (
    <>
      <TextInput source="title" validate={required()} fullWidth />
      <TextInput source="activityType" fullWidth />
      <CodeSelectArrayInput source="purposes" table="participationPurpose" />
      <TextInput source="activityTags" format={wordsText} parse={words} helperText="tsunagu.matching.interests_hint" fullWidth />
      <ArrayInput source="sessions">
        <SimpleFormIterator inline disableReordering>
          <CodeSelectInput source="weekday" table="weekday" validate={required()} />
          <CodeSelectInput source="slot" table="timeSlot" validate={required()} />
        </SimpleFormIterator>
      </ArrayInput>
      <NumberInput source="capacity" min={0} />
      <NumberInput source="seatsLeft" min={0} />
      <DistrictInput source="districtId" />
      <TextInput source="location" />
      <NumberInput source="fee" min={0} />
      <BooleanInput source="volunteerInsurance" />
      <CodeSelectArrayInput source="accommodations" table="accommodation" />
      <CodeSelectInput source="physicalLoad" table="physicalLoad" />
      <NumberInput source="groupSize" min={1} />
    </>
  );
}

/** メニューづくり: a host's own menu (status 準備中 unless chosen). */
export function OpportunityCreate() {
  return (
    <TsunaguCreate>
      <SimpleForm defaultValues={{ status: 'preparing', fee: 0 }}>
        <ReferenceInput source="hostId" reference="participation-hosts" perPage={50}>
          <AutocompleteInput optionText="name" validate={required()} filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <MenuInputs />
        <CodeSelectInput source="status" table="menuStatus" />
      </SimpleForm>
    </TsunaguCreate>
  );
}

/** A host menu's status (準備中 / 募集中 / 休止…) is set here; a registry resource's follows the registry and is shown read-only. */
function MenuStatusInput() {
  const record = useRecordContext();
  const fromRegistry = record?.source === 'registry-resource';
  return <CodeSelectInput source="status" table="menuStatus" validate={required()} readOnly={fromRegistry} helperText={fromRegistry ? 'tsunagu.matching.status_follows_registry' : false} />;
}

/** Edit a menu's terms and status (or the terms staff set on a registry resource; its status follows the registry). */
export function OpportunityEdit() {
  return (
    <TsunaguEdit>
      <SimpleForm>
        <MenuInputs />
        <MenuStatusInput />
      </SimpleForm>
    </TsunaguEdit>
  );
}
