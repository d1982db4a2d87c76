import { Alert, Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useLogin, useTranslate } from 'react-admin';

/** The console's sign-in screen: one button to the city's identity provider (OpenID Connect). */
export function LoginPage() {
  const login = useLogin();
  const translate = useTranslate();
  const failed = /[?&]error=callback/.test(window.location.hash);
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: '#eef3f8' }}>
      <Card sx={{ maxWidth: 440, width: '100%' }}>
        <CardContent>
          <Typography component="h1" variant="h5" gutterBottom>
            {translate('tsunagu.title')}
          </Typography>
          {failed && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {translate('tsunagu.auth.callback_failed')}
            </Alert>
          )}
          <Typography variant="body1" sx={{ mb: 3 }}>
            {translate('tsunagu.auth.login_intro')}
          </Typography>
          <Button variant="contained" size="large" fullWidth onClick={() => void login({})}>
            {translate('tsunagu.auth.login_button')}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}
