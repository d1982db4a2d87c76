import { BooleanInput, Datagrid, List, ShowButton } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, CodeSelectInput, OrganizationField, StatusField } from '../shared/codes';
import { csvExporter } from '../shared/csvExporter';

const filters = [<CodeSelectInput key="status" source="status" table="referralStatus" alwaysOn />, <BooleanInput key="overdue" source="overdue" alwaysOn />];

/** Referrals: staff see theirs, an agency sees those to or from its organisation (the API scopes it). */
export function ReferralList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'referredOn', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField source="referredOn" />
        <OrganizationField source="fromOrganizationId" sortable={false} />
        <OrganizationField source="toOrganizationId" sortable={false} />
        <CodeField source="infoBasis" table="legalBasis" sortable={false} />
        <StatusField source="status" table="referralStatus" />
        <DateField source="followUpDue" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
