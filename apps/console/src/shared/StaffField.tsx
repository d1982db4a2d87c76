import { Typography } from '@mui/material';
import { useFieldValue, useGetIdentity, useTranslate, type FieldProps } from 'react-admin';
import { staffText } from './staff';
import { useStaffNames } from './useStaffNames';

/** A record's member of staff (author, coordinator, chair): the signed-in user as 「氏名（自分）」, others by their name in the 職員名簿. */
export function StaffField(props: FieldProps & { source: string }) {
  const value = useFieldValue(props) as string | null | undefined;
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const names = useStaffNames(value ? [value] : []);
  return (
    <Typography component="span" variant="body2" data-staff={value ?? undefined}>
      {staffText(value, identity, translate('tsunagu.picker.self'), value ? names.get(value) : undefined)}
    </Typography>
  );
}
