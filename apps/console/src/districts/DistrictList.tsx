import { BooleanField, CreateButton, Datagrid, List, NumberField, TextField, TopToolbar, ShowButton } from 'react-admin';
import { QInput } from '../shared/SearchInput';
import { CodeField, CodeSelectInput } from '../shared/codes';

const filters = [<QInput key="q" source="q" alwaysOn />, <CodeSelectInput key="areaGroup" source="areaGroup" table="areaGroup" alwaysOn />];

export function DistrictList() {
  return (
    <List filters={filters} sort={{ field: 'sortOrder', order: 'ASC' }} perPage={50} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <NumberField source="sortOrder" />
        <TextField source="shortName" />
        <TextField source="kana" />
        <CodeField source="areaGroup" table="areaGroup" sortable={false} />
        <BooleanField source="isIsland" sortable={false} />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
