import { Alert, Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Title, usePermissions, useTranslate } from 'react-admin';
import { screenOf } from '../providers/authProvider';
import { isKnownResource, requiredRoles, takeDenial } from '../providers/permissions';
import { useProblemText } from '../shared/problemText';

/** The last screen opened before the access-denied page (memory only). */
let lastScreenPath: string | undefined;

/** Remembers the screen being opened, so a refusal can say which one and what it needs. */
export function ScreenTracker() {
  const location = useLocation();
  useEffect(() => {
    if (location.pathname !== '/access-denied') lastScreenPath = location.pathname;
  }, [location.pathname]);
  return null;
}

/** Explains a refusal: which screen, which roles would allow it, which roles the user has. */
export function AccessDenied() {
  const translate = useTranslate();
  const { permissions } = usePermissions<string[]>();
  const screen = lastScreenPath ? screenOf(`#${lastScreenPath}`) : undefined;
  const recorded = takeDenial();
  const resource = screen?.resource && isKnownResource(screen.resource) ? screen.resource : recorded?.resource;
  const action = screen?.resource && isKnownResource(screen.resource) ? screen.action : (recorded?.action ?? 'list');
  const required = resource ? requiredRoles(resource, action) : [];
  const problemText = useProblemText();
  // The service's reason in our words (never its English text), when it refused this screen.
  const reason = recorded?.resource === resource && recorded?.problem && !Array.isArray(recorded.problem.requiredRoles) ? problemText(recorded.problem) : undefined;
  const roleNames = (roles: readonly string[] | undefined) =>
    roles && roles.length ? roles.map((role) => translate(`tsunagu.roles.${role}`, { _: role })).join('、') : translate('tsunagu.access_denied.none');
  const resourceName = resource ? translate(`resources.${resource}.name`, { smart_count: 2, _: translate(`tsunagu.${resource}.title`, { _: resource }) }) : undefined;
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
            {resource && required.length > 0 && <div data-testid="required-roles">{translate('tsunagu.access_denied.required', { roles: roleNames(required) })}</div>}
            {resource && required.length === 0 && <div>{translate('tsunagu.access_denied.nobody')}</div>}
            <div>{translate('tsunagu.access_denied.yours', { roles: roleNames(permissions ?? recorded?.roles) })}</div>
            {reason && <div data-testid="refusal-reason">{reason}</div>}
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
