import { AutocompleteInput, ReferenceInput, type InputProps } from 'react-admin';

export const personText = (record: { familyName?: string; givenName?: string; familyNameKana?: string; givenNameKana?: string }) =>
  `${record.familyName ?? ''} ${record.givenName ?? ''}（${record.familyNameKana ?? ''} ${record.givenNameKana ?? ''}）`;

/** A person picked by name or kana (the API folds かな/カナ/ｶﾅ). */
export function PersonInput(props: Partial<InputProps> & { source?: string }) {
  return (
    <ReferenceInput source={props.source ?? 'personId'} reference="persons">
      <AutocompleteInput optionText={personText} label={props.label} validate={props.validate} filterToQuery={(q: string) => ({ q })} fullWidth sx={{ maxWidth: 720 }} />
    </ReferenceInput>
  );
}

/** A case picked by its number. */
export function CaseInput(props: Partial<InputProps> & { source?: string }) {
  return (
    <ReferenceInput source={props.source ?? 'caseId'} reference="cases">
      <AutocompleteInput optionText="caseNo" label={props.label} validate={props.validate} filterToQuery={(q: string) => ({ q })} />
    </ReferenceInput>
  );
}

/** A meeting picked by name and date. */
export function MeetingInput(props: Partial<InputProps> & { source?: string; filter?: Record<string, unknown> }) {
  return (
    <ReferenceInput source={props.source ?? 'meetingId'} reference="meetings" filter={props.filter}>
      <AutocompleteInput
        optionText={(record: { localName?: string | null; legalTypeLabel?: string; heldAt?: string }) => `${record.localName ?? record.legalTypeLabel ?? ''} ${record.heldAt?.slice(0, 10) ?? ''}`}
        label={props.label}
        validate={props.validate}
        filterToQuery={(q: string) => ({ q })}
      />
    </ReferenceInput>
  );
}
