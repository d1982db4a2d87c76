import { Datagrid, FunctionField, List, NumberField, TextField, TextInput, type RaRecord } from 'react-admin';
import { DateField } from '../dates/DateField';
import { csvExporter } from '../shared/csvExporter';
import { StaffField } from '../shared/StaffField';

const filters = [
  <TextInput key="actor" source="actor" alwaysOn />,
  <TextInput key="resourceType" source="resourceType" alwaysOn />,
  <TextInput key="action" source="action" />,
];

/** The registry's hash-chained audit trail (auditors and admins). */
export function AuditRecordList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'seq', order: 'DESC' }}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <NumberField source="seq" />
        <DateField source="occurredAt" showTime />
        <StaffField source="actor" sortable={false} />
        <FunctionField source="roles" label="resources.audit-records.fields.role" sortable={false} render={(record: RaRecord) => (record.roles as string[] | undefined)?.join(', ') ?? ''} />
        <TextField source="action" sortable={false} />
        <TextField source="resourceType" sortable={false} />
        <TextField source="resourceId" sortable={false} />
        <TextField source="outcome" sortable={false} />
      </Datagrid>
    </List>
  );
}
