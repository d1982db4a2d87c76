import { CreateButton, Datagrid, List, TextField, TopToolbar, ExportButton, ShowButton } from 'react-admin';
import { QInput } from '../shared/SearchInput';
import { DateField } from '../dates/DateField';
import { CodeField, CodeSelectInput, DistrictInput, DistrictsField, StatusField } from '../shared/codes';
import { csvExporter } from '../shared/csvExporter';

const filters = [
  <QInput key="q" source="q" alwaysOn />,
  <CodeSelectInput key="status" source="status" table="resourceStatus" alwaysOn />,
  <CodeSelectInput key="category" source="category" table="resourceCategory" alwaysOn />,
  <DistrictInput key="district" source="district" alwaysOn />,
  <CodeSelectInput key="activity" source="activity" table="resourceActivity" />,
  <CodeSelectInput key="insuranceScheme" source="insuranceScheme" table="insuranceScheme" />,
];

function ListActions() {
  return (
    <TopToolbar>
      <CreateButton />
      <ExportButton />
    </TopToolbar>
  );
}

export function CommunityResourceList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'kana', order: 'ASC' }} actions={<ListActions />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <CodeField source="category" table="resourceCategory" />
        <DistrictsField source="districtIds" sortable={false} />
        <StatusField source="status" table="resourceStatus" />
        <DateField source="lastVerifiedOn" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
