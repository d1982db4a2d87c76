import { BooleanField, Datagrid, List, ReferenceField, SelectField, SelectInput, ShowButton, TextField } from 'react-admin';
import { DateField } from '../dates/DateField';
import { KIND_CHOICES, STATUS_CHOICES } from './choices';

const filters = [
  <SelectInput key="kind" source="kind" choices={KIND_CHOICES} translateChoice={false} alwaysOn />,
  <SelectInput key="status" source="status" choices={STATUS_CHOICES} translateChoice={false} alwaysOn />,
];

/** 開示・訂正・利用停止請求: newest first; 期限超過 marks those past their decision date. */
export function DataSubjectRequestList() {
  return (
    <List filters={filters} sort={{ field: 'requestedAt', order: 'DESC' }} exporter={false}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="requestNo" sortable />
        <SelectField source="kind" choices={KIND_CHOICES} translateChoice={false} sortable={false} />
        <ReferenceField source="personId" reference="persons" link="show" sortable={false} />
        <DateField source="requestedAt" />
        <DateField source="dueOn" />
        <SelectField source="status" choices={STATUS_CHOICES} translateChoice={false} sortable={false} />
        <BooleanField source="overdue" sortable={false} />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
