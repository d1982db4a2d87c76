import { CreateButton, Datagrid, FunctionField, List, TextField, TopToolbar, type RaRecord, ShowButton } from 'react-admin';
import { DateField } from '../dates/DateField';
import { DistrictField } from '../shared/codes';
import { QInput } from '../shared/SearchInput';

const filters = [<QInput key="q" source="q" alwaysOn />];

export function PersonList() {
  return (
    <List filters={filters} sort={{ field: 'familyNameKana', order: 'ASC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <FunctionField source="familyName" label="resources.persons.fields.fullName" sortable={false} render={(record: RaRecord) => `${String(record.familyName ?? '')} ${String(record.givenName ?? '')}`} />
        <FunctionField source="familyNameKana" label="resources.persons.fields.kana" render={(record: RaRecord) => `${String(record.familyNameKana ?? '')} ${String(record.givenNameKana ?? '')}`} />
        <DateField source="birthDate" />
        <DistrictField source="districtId" sortable={false} />
        <TextField source="addressRaw" sortable={false} />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
