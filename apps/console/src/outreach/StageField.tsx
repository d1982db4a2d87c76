import { Chip } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { stageColour } from './stages';

/** The stage of a target as a coloured chip. */
export function StageField(props: FieldProps) {
  const value = useFieldValue(props) as string | undefined;
  const translate = useTranslate();
  if (!value) return null;
  return <Chip size="small" color={stageColour(value)} variant="outlined" label={translate(`tsunagu.codes.outreachStage.${value}`, { _: value })} />;
}
