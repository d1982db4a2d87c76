import { Alert, Box, Button, Card, CardContent, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { Title, usePermissions, useTranslate } from 'react-admin';
import { takeDenial } from '../providers/permissions';

/** Explains a refusal: which screen, which roles would allow it, which roles the user has. */
export function AccessDenied() {
  const translate = useTranslate();
  const { permissions } = usePermissions<string[]>();
  const denial = takeDenial();
  const roleNames = (roles: readonly string[] | undefined) =>
    roles && roles.length ? roles.map((role) => translate(`tsunagu.roles.${role}`, { _: role })).join('、') : translate('tsunagu.access_denied.none');
  const resourceName = denial?.resource ? translate(`resources.${denial.resource}.name`, { smart_count: 2, _: denial.resource }) : undefined;
  return (
    <Box component="section" aria-labelledby="access-denied-title" sx={{ mt: 2 }}>
      <Title title={translate('tsunagu.access_denied.title')} />
      <Card>
        <CardContent>
          <Typography id="access-denied-title" component="h1" variant="h5" gutterBottom>
            {translate('tsunagu.access_denied.title')}
          </Typography>
          <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
            {resourceName && <div>{translate('tsunagu.access_denied.resource', { resource: resourceName })}</div>}
            {denial && denial.required.length > 0 && <div data-testid="required-roles">{translate('tsunagu.access_denied.required', { roles: roleNames(denial.required) })}</div>}
            {denial && denial.resource && denial.required.length === 0 && <div>{translate('tsunagu.access_denied.nobody')}</div>}
            <div>{translate('tsunagu.access_denied.yours', { roles: roleNames(permissions ?? denial?.roles) })}</div>
            {denial?.detail && <div>{denial.detail}</div>}
          </Alert>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('tsunagu.access_denied.ask')}
          </Typography>
          <Button component={Link} to="/" variant="outlined">
            {translate('tsunagu.access_denied.back')}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}
