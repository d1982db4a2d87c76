import { Box, Card, CardContent, Typography } from '@mui/material';
import { CanAccess, Title, useAuthenticated, useGetIdentity, useTranslate } from 'react-admin';
import { UnreviewedEmergencyAccesses } from '../emergency-access/UnreviewedEmergencyAccesses';
import { IncomingReferralsCard, WorkCards } from '../work/WorkPage';

/** Welcome, the user's roles, the to-do cards for desk staff (my cases, requests to answer, overdue, awaiting an answer), an agency's requests to answer. */
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
      <CanAccess
        resource="work"
        action="list"
        accessDenied={
          // Agency users have no 私の業務: their dashboard lists the requests addressed to their organisation.
          <CanAccess resource="referrals" action="list">
            <IncomingReferralsCard />
          </CanAccess>
        }
      >
        <WorkCards />
      </CanAccess>
    </Box>
  );
}
