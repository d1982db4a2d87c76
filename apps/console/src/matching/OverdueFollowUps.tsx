import { Card, CardContent, Link, List as MuiList, ListItem, Typography } from '@mui/material';
import { CanAccess, Datagrid, List, Loading, RecordContextProvider, ReferenceField, ShowButton, useGetList, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { OrganizationField, StatusField, useCanRead } from '../shared/codes';
import { PersonNameField } from '../shared/PersonNameField';
import { csvExporter } from '../shared/csvExporter';

/** Open matches whose next follow-up is past due, oldest first (GET /follow-ups/overdue). */
export function OverdueFollowUps() {
  const canReadPersons = useCanRead('persons');
  return (
    <List exporter={csvExporter} sort={{ field: 'nextFollowUpDue', order: 'ASC' }} pagination={false} perPage={100}>
      <Datagrid rowClick={(id) => `/participation-matches/${encodeURIComponent(String(id))}/show`} bulkActionButtons={false}>
        <DateField source="nextFollowUpDue" sortable={false} />
        {canReadPersons ? <PersonNameField source="personId" label="tsunagu.person_ref.label" sortable={false} /> : null}
        <ReferenceField source="opportunityId" reference="participation-opportunities" link={false} sortable={false} />
        <OrganizationField source="hostOrganizationId" sortable={false} />
        <StatusField source="status" table="matchStatus" sortable={false} />
        <ShowButton resource="participation-matches" />
      </Datagrid>
    </List>
  );
}

/** フォローアップ期限切れ as a card for a work page (roles that may read matches only). */
export function ParticipationWorkCard() {
  return (
    <CanAccess resource="participation-overdue" action="list">
      <OverdueFollowUpsCard />
    </CanAccess>
  );
}

function OverdueFollowUpsCard() {
  const translate = useTranslate();
  const { data, total, isPending, error } = useGetList('participation-overdue', {
    pagination: { page: 1, perPage: 5 },
    sort: { field: 'nextFollowUpDue', order: 'ASC' },
    filter: {},
  });
  const title = translate('resources.participation-overdue.name', { smart_count: 2 });
  return (
    <Card component="section" aria-labelledby="participation-overdue-card" sx={{ mt: 2 }}>
      <CardContent>
        <Typography id="participation-overdue-card" component="h2" variant="h6">
          {title}
          {total !== undefined ? `（${total}${translate('tsunagu.work.count_suffix')}）` : ''}
        </Typography>
        {isPending ? (
          <Loading />
        ) : error ? (
          <Typography variant="body2">{translate('tsunagu.errors.server')}</Typography>
        ) : !data?.length ? (
          <Typography variant="body2">{translate('tsunagu.work.none')}</Typography>
        ) : (
          <MuiList dense aria-labelledby="participation-overdue-card">
            {data.map((match) => (
              <ListItem key={match.id} disableGutters>
                <RecordContextProvider value={match}>
                  <Link href={`#/participation-matches/${encodeURIComponent(String(match.id))}/show`} underline="always">
                    <ReferenceField source="opportunityId" reference="participation-opportunities" link={false} />
                  </Link>
                  <Typography variant="body2" component="span" sx={{ ml: 1 }}>
                    <PersonNameField source="personId" />
                  </Typography>
                  <Typography variant="body2" component="span" sx={{ ml: 1 }}>
                    {translate('resources.participation-overdue.fields.nextFollowUpDue')}: <DateField source="nextFollowUpDue" />
                  </Typography>
                </RecordContextProvider>
              </ListItem>
            ))}
          </MuiList>
        )}
      </CardContent>
    </Card>
  );
}
