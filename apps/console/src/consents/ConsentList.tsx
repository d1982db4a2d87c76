import { CreateButton, Datagrid, List, ReferenceField, ShowButton, TopToolbar } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, CodeSelectInput, StatusField } from '../shared/codes';
import { PersonInput } from '../shared/PersonInput';

const filters = [<PersonInput key="personId" source="personId" alwaysOn />, <CodeSelectInput key="status" source="status" table="consentStatus" alwaysOn />, <CodeSelectInput key="scope" source="scope" table="consentScope" />];

/** 同意: what each person agreed to share, with whom, and whether it still holds. */
export function ConsentList() {
  return (
    <List filters={filters} sort={{ field: 'obtainedAt', order: 'DESC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField source="obtainedAt" showTime />
        <ReferenceField source="personId" reference="persons" link={false} sortable={false} />
        <CodeField source="scope" table="consentScope" />
        <CodeField source="method" table="consentMethod" sortable={false} />
        <StatusField source="status" table="consentStatus" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
