import { Box, Card, CardContent, Typography } from '@mui/material';
import { CanAccess, Title, useAuthenticated, useGetIdentity, useTranslate } from 'react-admin';
import { UnreviewedEmergencyAccesses } from '../emergency-access/UnreviewedEmergencyAccesses';
import { WorkCards } from '../work/WorkPage';

/** Welcome, the user's roles, and for caseworkers and supervisors the to-do cards (my cases, overdue, awaiting an answer). */
export function Dashboard() {
  useAuthenticated();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const roles = ((identity?.roles as string[] | undefined) ?? []).map((role) => translate(`tsunagu.roles.${role}`, { _: role })).join('、');
  return (
    <Box>
      <Card sx={{ mt: 2 }}>
        <Title title={translate('tsunagu.title')} />
        <CardContent>
          <Typography component="h1" variant="h5" gutterBottom>
            {translate('tsunagu.dashboard.welcome', { name: identity?.fullName ?? '' })}
          </Typography>
          <Typography variant="body1">{translate('tsunagu.dashboard.intro')}</Typography>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {translate('tsunagu.dashboard.roles', { roles })}
          </Typography>
        </CardContent>
      </Card>
      <CanAccess resource="emergency-accesses" action="list">
        <UnreviewedEmergencyAccesses />
      </CanAccess>
      <CanAccess resource="work" action="list">
        <WorkCards />
      </CanAccess>
    </Box>
  );
}
