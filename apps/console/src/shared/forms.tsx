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
