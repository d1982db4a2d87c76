import { Datagrid, List, NumberField, ShowButton, TextField } from 'react-admin';
import { CodeArrayField, CodeField, CodeSelectInput, DistrictField, DistrictInput, StatusField } from '../shared/codes';
import { QInput } from '../shared/SearchInput';
import { SlotsField } from './SlotsField';
import { csvExporter } from '../shared/csvExporter';

const filters = [
  <QInput key="q" alwaysOn />,
  <CodeSelectInput key="purpose" source="purpose" table="participationPurpose" alwaysOn />,
  <DistrictInput key="districtId" source="districtId" alwaysOn />,
  <CodeSelectInput key="status" source="status" table="menuStatus" />,
  <CodeSelectInput key="source" source="source" table="opportunitySource" />,
];

/** 参加先・メニュー: registry resources (kept fresh by events) and hosts' own menus. */
export function OpportunityList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'title', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="title" />
        <CodeField source="source" table="opportunitySource" sortable={false} />
        <CodeArrayField source="purposes" table="participationPurpose" sortable={false} />
        <SlotsField source="sessions" sortable={false} />
        <DistrictField source="districtId" sortable={false} />
        <NumberField source="fee" />
        <TextField source="seatsLeft" emptyText="—" sortable={false} />
        <StatusField source="status" table="menuStatus" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
