import { Typography } from '@mui/material';
import { useFieldValue, useGetIdentity, useTranslate, type FieldProps } from 'react-admin';
import { staffText } from './staff';

/** A record's member of staff (author, coordinator, chair): the signed-in user by display name, others by login id. */
export function StaffField(props: FieldProps & { source: string }) {
  const value = useFieldValue(props) as string | null | undefined;
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  return (
    <Typography component="span" variant="body2">
      {staffText(value, identity, translate('tsunagu.picker.self'))}
    </Typography>
  );
}
