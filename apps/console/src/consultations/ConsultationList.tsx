import { CreateButton, Datagrid, List, ReferenceField, TextField, TopToolbar, ShowButton } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, CodeSelectInput, StatusField } from '../shared/codes';
import { QInput } from '../shared/SearchInput';

const filters = [<QInput key="q" source="q" alwaysOn />, <CodeSelectInput key="status" source="status" table="consultationStatus" alwaysOn />, <CodeSelectInput key="urgency" source="urgency" table="urgency" />];

export function ConsultationList() {
  return (
    <List filters={filters} sort={{ field: 'receivedAt', order: 'DESC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="receptionNo" />
        <DateField source="receivedAt" showTime />
        <ReferenceField source="personId" reference="persons" link={false} sortable={false} />
        <CodeField source="primaryCategory" table="consultationCategory" sortable={false} />
        <CodeField source="urgency" table="urgency" />
        <StatusField source="status" table="consultationStatus" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
