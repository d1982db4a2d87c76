import { NumberInput, ReferenceInput, AutocompleteInput, required, TextInput } from 'react-admin';
import { DateInput } from '../dates/DateInput';

const toLines = (value: unknown) => (Array.isArray(value) ? value.join('\n') : (value ?? ''));
const fromLines = (value: string) => value.split('\n').map((line) => line.trim()).filter(Boolean);

export function CouncilMeetingInputs() {
  return (
    <>
      <ReferenceInput source="councilId" reference="councils">
        <AutocompleteInput optionText="name" validate={required()} filterToQuery={(q: string) => ({ q })} />
      </ReferenceInput>
      <DateInput source="heldOn" validate={required()} />
      <NumberInput source="participantsCount" min={0} />
      <TextInput source="issuesRaised" multiline minRows={2} fullWidth format={toLines} parse={fromLines} helperText="1行に1件（個人が特定される内容は書かない）" />
      <TextInput source="actionsAgreed" multiline minRows={2} fullWidth format={toLines} parse={fromLines} helperText="1行に1件" />
    </>
  );
}
