import { BooleanField, BooleanInput, Create, Datagrid, List, required, SimpleForm, TextField, TextInput } from 'react-admin';
import { DateField } from '../dates/DateField';
import { DateInput } from '../dates/DateInput';
import { CodeField, CodeSelectInput } from '../shared/codes';
import { RecordActionButton } from '../shared/RecordActionButtons';
import { StaffField } from '../shared/StaffField';

const filters = [<BooleanInput key="active" source="active" alwaysOn />];

/** リーガルホールド: records never destroyed while a hold is in force. */
export function LegalHoldList() {
  return (
    <List filters={filters} sort={{ field: 'placedAt', order: 'DESC' }} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <CodeField source="recordType" table="retentionRecordType" sortable={false} />
        <TextField source="recordId" sortable={false} />
        <CodeField source="reason" table="legalHoldReason" sortable={false} />
        <DateField source="placedAt" showTime />
        <StaffField source="placedBy" sortable={false} />
        <DateField source="until" sortable={false} />
        <BooleanField source="active" sortable={false} />
        <RecordActionButton action="release" label="tsunagu.retention.release" done="tsunagu.retention.released" when={(record) => record.active === true} />
      </Datagrid>
    </List>
  );
}

/** Place a hold (訴訟, 監査, 開示請求対応中 …) on a person, consultation or case. */
export function LegalHoldCreate() {
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={{ recordType: 'person', reason: 'disclosure-request' }}>
        <CodeSelectInput source="recordType" table="retentionRecordType" validate={required()} />
        <TextInput source="recordId" validate={required()} fullWidth helperText="tsunagu.retention.record_id_hint" />
        <CodeSelectInput source="reason" table="legalHoldReason" validate={required()} />
        <DateInput source="until" />
      </SimpleForm>
    </Create>
  );
}
