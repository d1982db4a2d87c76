import { useMemo, useState } from 'react';
import { AutocompleteInput, FormDataConsumer, useGetIdentity, useGetList, useTranslate, type Validator } from 'react-admin';
import { staffText } from './staff';
import { useStaffNames } from './useStaffNames';

interface StaffInputProps {
  source: string;
  label?: string;
  helperText?: string;
  validate?: Validator | Validator[];
  /** Choices the record already names (a plan's other watchers), shown as they are. */
  known?: readonly string[];
}

/**
 * A member of staff chosen from the 職員名簿 by name or login (server-side search, `q`): 「氏名（自分）」 first. Someone who
 * never signed in (so the directory has no name) can still be entered by login id — 「…をログインIDとして使う」.
 * Only the login subject is saved.
 */
export function StaffInput(props: StaffInputProps) {
  // The chosen subject: inside an attendee row the form data is scoped to the row.
  return (
    <FormDataConsumer<Record<string, unknown>>>
      {({ formData, scopedFormData }) => {
        const value = ((scopedFormData as Record<string, unknown> | undefined) ?? formData)?.[props.source];
        return <StaffAutocomplete {...props} current={typeof value === 'string' && value ? value : undefined} />;
      }}
    </FormDataConsumer>
  );
}

function StaffAutocomplete({ source, label, helperText, validate, known = [], current }: StaffInputProps & { current?: string }) {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const self = translate('tsunagu.picker.self');
  const [q, setQ] = useState('');
  const { data: found } = useGetList('staff', { pagination: { page: 1, perPage: 25 }, sort: { field: 'displayName', order: 'ASC' }, filter: q ? { q } : {} }, { retry: false });
  const names = useStaffNames(useMemo(() => [...known, ...(current ? [current] : []), ...(identity?.id !== undefined ? [String(identity.id)] : [])], [known, current, identity]));
  const [typed, setTyped] = useState<string[]>([]);
  const choices = useMemo(() => {
    const byId = new Map<string, string>();
    const add = (subject: string, name?: string) => {
      if (!byId.has(subject)) byId.set(subject, staffText(subject, identity, self, name ?? names.get(subject)));
    };
    if (identity?.id !== undefined) add(String(identity.id));
    for (const member of found ?? []) add(String(member.id), String(member.displayName ?? ''));
    for (const subject of [...known, ...typed, ...(current ? [current] : [])]) add(subject);
    return [...byId].map(([id, name]) => ({ id, name }));
  }, [identity, self, names, found, known, typed, current]);
  return (
    <AutocompleteInput
      source={source}
      label={label}
      helperText={helperText ?? 'tsunagu.picker.staff_hint'}
      validate={validate}
      choices={choices}
      setFilter={setQ}
      // The directory searched on the server (name with or without spaces, or login): no second filter on the label.
      matchSuggestion={() => true}
      onCreate={(input?: string) => {
        const subject = (input ?? '').trim();
        if (!subject) return undefined;
        setTyped((previous) => (previous.includes(subject) ? previous : [...previous, subject]));
        return { id: subject, name: subject };
      }}
      createItemLabel="tsunagu.picker.staff_create"
      sx={{ minWidth: 240 }}
    />
  );
}
