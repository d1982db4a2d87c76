import { Typography } from '@mui/material';
import { useFieldValue, useGetManyAggregate, useTranslate, type FieldProps } from 'react-admin';
import { useCanRead } from './codes';
import { personNameState } from './personName';

/**
 * The name of the person a row is about, for roles that may read persons. Every row asks for its id through
 * `useGetManyAggregate`, so a page of rows becomes one `GET /api/intake/persons?ids=…` request; a person the desk may
 * not see is not in the answer and shows as 「—（表示できません）」, never as an error. `emptyText`: a row without a
 * person (an outreach target known only by place: 「場所のみ」).
 */
export function PersonNameField(props: FieldProps & { source?: string; emptyText?: string }) {
  const translate = useTranslate();
  const canRead = useCanRead('persons');
  const personId = useFieldValue({ ...props, source: props.source ?? 'personId' }) as unknown;
  const id = typeof personId === 'string' && personId ? personId : undefined;
  const { data, isPending } = useGetManyAggregate('persons', { ids: id ? [id] : [] }, { enabled: canRead && id !== undefined, retry: false });
  const state = personNameState({ personId: id, canRead, isPending: id !== undefined && isPending, record: data?.[0] });
  switch (state.kind) {
    case 'hidden':
    case 'pending':
      return null;
    case 'none':
      return (
        <Typography component="span" variant="body2" data-person="none">
          {props.emptyText ?? '—'}
        </Typography>
      );
    case 'withheld':
      return (
        <Typography component="span" variant="body2" data-person="withheld">
          {translate('tsunagu.person_ref.withheld')}
        </Typography>
      );
    case 'name':
      return (
        <Typography component="span" variant="body2" data-person="name">
          {state.text}
        </Typography>
      );
  }
}
