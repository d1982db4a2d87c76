import type { ReactNode } from 'react';
import { Create, Edit, ShowButton, TopToolbar, ListButton, type CreateProps, type EditProps } from 'react-admin';

function EditActions() {
  return (
    <TopToolbar>
      <ShowButton />
      <ListButton />
    </TopToolbar>
  );
}

/**
 * Edits are pessimistic: the API answers first, so a validation error lands on its field and a stale
 * version (409/412) shows the conflict message while the form keeps what the user typed.
 */
export function TsunaguEdit({ children, ...props }: EditProps & { children: ReactNode }) {
  return (
    <Edit mutationMode="pessimistic" redirect="show" actions={<EditActions />} {...props}>
      {children}
    </Edit>
  );
}

export function TsunaguCreate({ children, ...props }: CreateProps & { children: ReactNode }) {
  return (
    <Create redirect="show" {...props}>
      {children}
    </Create>
  );
}

/** A date-time input's value as the ISO string the API expects. */
export const isoDateTime = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : typeof value === 'string' && value && !value.endsWith('Z') && !/[+-]\d{2}:\d{2}$/.test(value) ? new Date(value).toISOString() : value);
