import { CreateButton, Datagrid, List, ReferenceField, ShowButton, TextField, TopToolbar } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeSelectInput, StatusField } from '../shared/codes';
import { CaseInput } from '../shared/PersonInput';

const filters = [<CaseInput key="caseId" source="caseId" alwaysOn />, <CodeSelectInput key="status" source="status" table="planStatus" alwaysOn />];

/** 支援プラン: every version of every case's plan. */
export function PlanList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <ReferenceField source="caseId" reference="cases" link="show" sortable={false} />
        <TextField source="planVersion" />
        <DateField source="createdOn" sortable={false} />
        <StatusField source="status" table="planStatus" />
        <DateField source="nextReviewOn" sortable={false} />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
