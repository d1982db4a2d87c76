import { CircularProgress } from '@mui/material';
import { RefreshIconButton, useLoading, useTranslate } from 'react-admin';

/** react-admin's loading indicator with an accessible name for the spinner (WCAG 4.1.2). */
export function LoadingIndicator() {
  const loading = useLoading();
  const translate = useTranslate();
  if (loading) return <CircularProgress color="inherit" size={18} thickness={2} sx={{ mx: 1.5 }} aria-label={translate('ra.page.loading')} />;
  return <RefreshIconButton />;
}
