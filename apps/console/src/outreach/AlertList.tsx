import { Datagrid, List, ReferenceField, TextField } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, CodeSelectInput, DistrictField, DistrictInput, StatusField } from '../shared/codes';
import { TargetPersonField } from './TargetPersonField';

const filters = [<CodeSelectInput key="status" source="status" table="inactivityAlertStatus" alwaysOn />, <DistrictInput key="districtId" source="districtId" alwaysOn />];

/** 未接触アラート: raised once per lapse without a successful contact, cleared by the next one. */
export function AlertList() {
  return (
    <List filters={filters} filterDefaultValues={{ status: 'open' }} sort={{ field: 'raisedAt', order: 'DESC' }} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick={(_id, _resource, record) => `/outreach-targets/${encodeURIComponent(String(record.targetId))}/show`}>
        <DateField source="raisedAt" />
        <TargetPersonField label="tsunagu.person_ref.label" sortable={false} />
        <StatusField source="status" table="inactivityAlertStatus" />
        <CodeField source="riskLevel" table="riskLevel" sortable={false} />
        <DateField source="lastSuccessfulContactAt" sortable={false} />
        <TextField source="thresholdDays" sortable={false} />
        <DistrictField source="districtId" sortable={false} />
        <ReferenceField source="targetId" reference="outreach-targets" link="show" sortable={false} />
      </Datagrid>
    </List>
  );
}
