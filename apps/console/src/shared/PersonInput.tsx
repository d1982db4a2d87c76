import { AutocompleteInput, ReferenceInput, TextInput, useTranslate, type InputProps } from 'react-admin';
import { formatDate } from '@tsunagu/util-japanese-calendar';
import { useDateDisplay } from '../dates/calendar';
import { useCanRead } from './codes';
import { householdChoiceText, personChoiceText } from './personName';
import { meetingTitle } from '../meetings/meetingTitle';

type PickerProps = Partial<InputProps> & { source?: string };

/**
 * A person picked by name or kana (the API folds かな/カナ/ｶﾅ and shows only the people the desk may see), offered as
 * 氏名（ふりがな）・生年月日 in the calendar of the toggle. A role that may not read persons (outreach and participation
 * workers) cannot search them either: it gets the plain intake id, with a hint saying so — the picker never widens access.
 */
export function PersonInput(props: PickerProps) {
  const canRead = useCanRead('persons');
  const { calendar, locale } = useDateDisplay();
  const source = props.source ?? 'personId';
  if (!canRead) return <TextInput source={source} label={props.label ?? 'tsunagu.picker.person_id'} validate={props.validate} helperText="tsunagu.picker.person_id_hint" />;
  return (
    <ReferenceInput source={source} reference="persons" sort={{ field: 'familyNameKana', order: 'ASC' }}>
      <AutocompleteInput
        optionText={(record: Parameters<typeof personChoiceText>[0]) => personChoiceText(record, (isoDate) => formatDate(isoDate, calendar, locale))}
        label={props.label}
        validate={props.validate}
        helperText={props.helperText ?? 'tsunagu.picker.person_hint'}
        filterToQuery={(q: string) => ({ q })}
        fullWidth
        sx={{ maxWidth: 720 }}
      />
    </ReferenceInput>
  );
}

/** A household picked by its name (「讃岐家」), with its number of members; the plain intake id for roles that may not read households. */
export function HouseholdInput(props: PickerProps) {
  const canRead = useCanRead('households');
  const translate = useTranslate();
  const source = props.source ?? 'householdId';
  if (!canRead) return <TextInput source={source} label={props.label ?? 'tsunagu.picker.household_id'} validate={props.validate} helperText="tsunagu.picker.household_id_hint" />;
  return (
    <ReferenceInput source={source} reference="households" sort={{ field: 'label', order: 'ASC' }}>
      <AutocompleteInput
        optionText={(record: Parameters<typeof householdChoiceText>[0]) => householdChoiceText(record, (count) => translate('tsunagu.picker.members', { count }))}
        label={props.label}
        validate={props.validate}
        helperText={props.helperText ?? 'tsunagu.picker.household_hint'}
        filterToQuery={(q: string) => ({ q })}
        fullWidth
        sx={{ maxWidth: 720 }}
      />
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
        optionText={meetingTitle}
        label={props.label}
        validate={props.validate}
        filterToQuery={(q: string) => ({ q })}
      />
    </ReferenceInput>
  );
}
