import { BooleanInput, CreateButton, Datagrid, List, ReferenceField, ShowButton, TextField, TopToolbar, useListContext } from 'react-admin';
import { CodeField, CodeSelectInput, useCanRead, OrganizationField, StatusField } from '../shared/codes';
import { PrintPdfButton } from '../shared/PrintPdfButton';
import { QInput } from '../shared/SearchInput';

const filters = [
  <QInput key="q" source="q" alwaysOn />,
  <BooleanInput key="mine" source="mine" alwaysOn />,
  <CodeSelectInput key="status" source="status" table="caseStatus" alwaysOn />,
  <CodeSelectInput key="track" source="track" table="caseTrack" />,
];

/** ケース一覧 as PDF with the filters on screen (the service applies them as the list does). */
function PrintListButton() {
  const { filterValues } = useListContext();
  const query = new URLSearchParams();
  for (const key of ['q', 'mine', 'status', 'track'] as const) {
    const value = (filterValues as Record<string, unknown>)[key];
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const search = query.toString();
  return <PrintPdfButton path={`intake/cases/pdf${search ? `?${search}` : ''}`} label="tsunagu.forms.print_list" fileName="cases.pdf" />;
}

/** 多機関協働 cases (agencies see only those their organisation has a part in). */
export function CaseList() {
  const canReadHouseholds = useCanRead('households');
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} actions={<TopToolbar><PrintListButton /><CreateButton /></TopToolbar>}>
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
