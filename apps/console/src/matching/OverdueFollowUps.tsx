import { Datagrid, List, ReferenceField, ShowButton } from 'react-admin';
import { DateField } from '../dates/DateField';
import { OrganizationField, StatusField } from '../shared/codes';

/** Open matches whose next follow-up is past due, oldest first (GET /follow-ups/overdue). */
export function OverdueFollowUps() {
  return (
    <List sort={{ field: 'nextFollowUpDue', order: 'ASC' }} pagination={false} perPage={100}>
      <Datagrid rowClick={(id) => `/participation-matches/${encodeURIComponent(String(id))}/show`} bulkActionButtons={false}>
        <DateField source="nextFollowUpDue" sortable={false} />
        <ReferenceField source="opportunityId" reference="participation-opportunities" link={false} sortable={false} />
        <OrganizationField source="hostOrganizationId" sortable={false} />
        <StatusField source="status" table="matchStatus" sortable={false} />
        <ShowButton resource="participation-matches" />
      </Datagrid>
    </List>
  );
}
