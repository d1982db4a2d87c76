import { BooleanInput, CreateButton, Datagrid, List, TextField, TopToolbar, ShowButton } from 'react-admin';
import { COORDINATOR_LAYERS } from '@tsunagu/contracts';
import { QInput } from '../shared/SearchInput';
import { DateField } from '../dates/DateField';
import { DistrictInput, DistrictsField, LayerField, LayerSelectInput } from '../shared/codes';

const filters = [
  <QInput key="q" source="q" alwaysOn />,
  <LayerSelectInput key="layer" source="layer" table="coordinatorLayer" layers={COORDINATOR_LAYERS} alwaysOn />,
  <DistrictInput key="district" source="district" />,
  <BooleanInput key="current" source="current" />,
];

export function CoordinatorList() {
  return (
    <List filters={filters} sort={{ field: 'layer', order: 'ASC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="staffDisplayName" />
        <LayerField source="layer" table="coordinatorLayer" />
        <DistrictsField source="districtIds" sortable={false} />
        <DateField source="assignedFrom" />
        <DateField source="assignedTo" sortable={false} />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
