import { CreateButton, Datagrid, List, ReferenceField, ShowButton, TextField, TopToolbar } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, CodeSelectInput, OrganizationField } from '../shared/codes';
import { CaseInput } from '../shared/PersonInput';

const filters = [<CaseInput key="caseId" source="caseId" alwaysOn />, <CodeSelectInput key="legalBasis" source="legalBasis" table="legalBasis" alwaysOn />];

/** 支援経過: notes of cases and consultations, each with the legal basis it may be shared under. */
export function ProgressNoteList() {
  return (
    <List filters={filters} sort={{ field: 'occurredAt', order: 'DESC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField source="occurredAt" showTime />
        <ReferenceField source="caseId" reference="cases" link="show" sortable={false} />
        <CodeField source="kind" table="noteKind" sortable={false} />
        <CodeField source="legalBasis" table="legalBasis" sortable={false} />
        <OrganizationField source="authorOrganizationId" sortable={false} />
        <TextField source="text" sortable={false} />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
