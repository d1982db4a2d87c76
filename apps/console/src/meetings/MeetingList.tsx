import { CreateButton, Datagrid, List, ShowButton, TextField, TopToolbar } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, CodeSelectInput, OrganizationField, StatusField } from '../shared/codes';
import { CaseInput } from '../shared/PersonInput';

const filters = [<CodeSelectInput key="legalType" source="legalType" table="meetingLegalType" alwaysOn />, <CodeSelectInput key="status" source="status" table="meetingStatus" alwaysOn />, <CaseInput key="caseId" source="caseId" />];

/** Meetings by legal type: 支援会議（社福法106条の6）and 重層的支援会議 are never mixed up. */
export function MeetingList() {
  return (
    <List filters={filters} sort={{ field: 'heldAt', order: 'DESC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField source="heldAt" showTime />
        <CodeField source="legalType" table="meetingLegalType" sortable={false} />
        <TextField source="localName" sortable={false} />
        <OrganizationField source="convenerOrganizationId" sortable={false} />
        <StatusField source="status" table="meetingStatus" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
