import { AutocompleteInput, NumberInput, ReferenceInput, required, SimpleForm, TextInput } from 'react-admin';
import { DateTimeInput } from '../dates/DateTimeInput';
import { CodeSelectInput } from '../shared/codes';
import { isoDateTime, TsunaguCreate } from '../shared/forms';
import { CaseInput, MeetingInput } from '../shared/PersonInput';

/** Add a note to a case or a consultation, with the legal basis it is recorded (and may be shared) under. */
export function ProgressNoteCreate() {
  return (
    <TsunaguCreate transform={(data: Record<string, unknown>) => ({ ...data, occurredAt: isoDateTime(data.occurredAt) })}>
      <SimpleForm defaultValues={() => ({ occurredAt: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString(), kind: 'interview', legalBasis: 'consent' })}>
        <CaseInput />
        <ReferenceInput source="consultationId" reference="consultations">
          <AutocompleteInput optionText="receptionNo" filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <DateTimeInput source="occurredAt" validate={required()} />
        <NumberInput source="durationMin" min={0} step={5} />
        <CodeSelectInput source="kind" table="noteKind" validate={required()} />
        <CodeSelectInput source="legalBasis" table="legalBasis" validate={required()} helperText="tsunagu.note.basis_hint" />
        <MeetingInput />
        <TextInput source="text" multiline minRows={4} fullWidth validate={required()} />
      </SimpleForm>
    </TsunaguCreate>
  );
}
