import type { ReactNode } from 'react';
import { Badge, Button, Card, CardContent, List, ListItem, ListItemText, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { useDataProvider, useGetList, useNotify, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import type { TsunaguDataProvider } from '../providers/dataProvider';
import type { EmergencyAccessGrant } from './emergencyAccess';

const UNREVIEWED = { pagination: { page: 1, perPage: 20 }, sort: { field: 'grantedAt', order: 'DESC' as const }, filter: { reviewed: false } };

/** Dashboard alert for supervisors and auditors: 緊急時アクセス not yet reviewed, each with 「確認済みにする」 (issue 13). */
export function UnreviewedEmergencyAccesses() {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const { data, total, refetch, error } = useGetList<EmergencyAccessGrant>('emergency-accesses', UNREVIEWED);
  if (error || !data || data.length === 0) return null;
  async function review(grant: EmergencyAccessGrant) {
    try {
      await dataProvider.transition('emergency-accesses', { id: grant.id, action: 'review', body: {} });
      notify('tsunagu.emergency_access.reviewed', { type: 'success' });
      await refetch();
    } catch {
      notify('tsunagu.emergency_access.review_failed', { type: 'error' });
    }
  }
  return (
    <Card sx={{ mt: 2, borderLeft: 4, borderColor: 'warning.main' }} component="section" aria-labelledby="unreviewed-emergency-accesses">
      <CardContent>
        <Typography id="unreviewed-emergency-accesses" component="h2" variant="h6" gutterBottom>
          {translate('tsunagu.emergency_access.alert_title', { count: total ?? data.length })}
        </Typography>
        <List dense>
          {data.map((grant) => (
            <ListItem
              key={grant.id}
              divider
              secondaryAction={
                <Button size="small" variant="outlined" onClick={() => review(grant)}>
                  {translate('tsunagu.emergency_access.review')}
                </Button>
              }
            >
              <ListItemText
                primary={
                  <>
                    <Link to={`/persons/${grant.personId}/show`}>{translate('tsunagu.emergency_access.person_record')}</Link>
                    {' — '}
                    {grant.actor}
                  </>
                }
                secondary={
                  <>
                    <DateField source="grantedAt" record={grant} showTime /> {translate('tsunagu.emergency_access.reason')}: {grant.reason}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      </CardContent>
    </Card>
  );
}

/** The menu's count of unreviewed emergency accesses (supervisors and auditors). */
export function UnreviewedEmergencyAccessBadge({ children }: { children: ReactNode }) {
  const translate = useTranslate();
  const { total } = useGetList('emergency-accesses', { ...UNREVIEWED, pagination: { page: 1, perPage: 1 } });
  return (
    <Badge color="warning" badgeContent={total ?? 0} invisible={!total} aria-label={total ? translate('tsunagu.emergency_access.badge', { count: total }) : undefined}>
      {children}
    </Badge>
  );
}
