import { BooleanInput, CreateButton, Datagrid, List, ReferenceField, ShowButton, TextField, TopToolbar } from 'react-admin';
import { CodeField, CodeSelectInput, useCanRead, OrganizationField, StatusField } from '../shared/codes';
import { QInput } from '../shared/SearchInput';

const filters = [
  <QInput key="q" source="q" alwaysOn />,
  <BooleanInput key="mine" source="mine" alwaysOn />,
  <CodeSelectInput key="status" source="status" table="caseStatus" alwaysOn />,
  <CodeSelectInput key="track" source="track" table="caseTrack" />,
];

/** 多機関協働 cases (agencies see only those their organisation has a part in). */
export function CaseList() {
  const canReadHouseholds = useCanRead('households');
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="caseNo" />
        {canReadHouseholds && <ReferenceField source="householdId" reference="households" link="show" sortable={false} />}
        <CodeField source="track" table="caseTrack" sortable={false} />
        <StatusField source="status" table="caseStatus" />
        <OrganizationField source="coordinatorOrganizationId" sortable={false} />
        <OrganizationField source="leadOrganizationId" sortable={false} />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
