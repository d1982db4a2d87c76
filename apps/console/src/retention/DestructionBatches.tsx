import { Datagrid, List, ListButton, NumberField, Show, ShowButton, SimpleShowLayout, TopToolbar } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeSelectInput, StatusField } from '../shared/codes';
import { ActionBar, RecordActionButton } from '../shared/RecordActionButtons';
import { StaffField } from '../shared/StaffField';

const filters = [<CodeSelectInput key="status" source="status" table="destructionBatchStatus" alwaysOn />];

/** 廃棄予定一覧: what the daily retention check listed, waiting for a city supervisor's approval. */
export function DestructionBatchList() {
  return (
    <List filters={filters} filterDefaultValues={{ status: 'pending-approval' }} sort={{ field: 'listedAt', order: 'DESC' }} exporter={false}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField source="listedAt" showTime sortable={false} />
        <NumberField source="itemCount" sortable={false} />
        <StatusField source="status" table="destructionBatchStatus" sortable={false} />
        <DateField source="decidedAt" showTime sortable={false} />
        <StaffField source="decidedBy" sortable={false} />
        <ShowButton />
      </Datagrid>
    </List>
  );
}

function BatchActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <ActionBar>
        <RecordActionButton action="approve" label="tsunagu.retention.approve" done="tsunagu.retention.approved" danger when={(record) => record.status === 'pending-approval'} />
        <RecordActionButton action="reject" label="tsunagu.retention.reject" done="tsunagu.retention.rejected" when={(record) => record.status === 'pending-approval'} />
      </ActionBar>
      <ListButton />
    </TopToolbar>
  );
}

/** A batch: approving destroys its records as their rules say (city supervisors only); rejecting destroys nothing. */
export function DestructionBatchShow() {
  return (
    <Show actions={<BatchActions />}>
      <SimpleShowLayout>
        <DateField source="listedAt" showTime />
        <NumberField source="itemCount" />
        <StatusField source="status" table="destructionBatchStatus" />
        <DateField source="decidedAt" showTime />
        <StaffField source="decidedBy" />
      </SimpleShowLayout>
    </Show>
  );
}
