import { CircularProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/**
 * A part of a page still loading, announced politely. Used instead of react-admin's <Loading> inside pages:
 * that one fades its text in (axe reads the half-faded text as too little contrast) and fills the screen.
 */
export function Pending() {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} role="status" sx={{ alignItems: 'center', my: 1 }}>
      <CircularProgress size={16} aria-hidden />
      <Typography variant="body2">{translate('ra.page.loading')}</Typography>
    </Stack>
  );
}
