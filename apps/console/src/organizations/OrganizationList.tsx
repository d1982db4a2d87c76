import { BooleanField, CreateButton, Datagrid, List, TextField, TopToolbar, ShowButton } from 'react-admin';
import { QInput } from '../shared/SearchInput';
import { CodeField, CodeSelectInput, DistrictInput } from '../shared/codes';

const filters = [
  <QInput key="q" source="q" alwaysOn />,
  <CodeSelectInput key="type" source="type" table="organizationType" alwaysOn />,
  <CodeSelectInput key="field" source="field" table="organizationField" />,
  <DistrictInput key="district" source="district" />,
];

export function OrganizationList() {
  return (
    <List filters={filters} sort={{ field: 'kana', order: 'ASC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <CodeField source="type" table="organizationType" />
        <TextField source="contact.phone" sortable={false} />
        <BooleanField source="archived" sortable={false} />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
