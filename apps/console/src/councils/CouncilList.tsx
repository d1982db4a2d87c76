import { CreateButton, Datagrid, List, TextField, TopToolbar, ShowButton } from 'react-admin';
import { COUNCIL_LAYERS } from '@tsunagu/contracts';
import { QInput } from '../shared/SearchInput';
import { DateField } from '../dates/DateField';
import { CodeSelectInput, DistrictField, DistrictInput, LayerField, LayerSelectInput, StatusField } from '../shared/codes';

const filters = [
  <QInput key="q" source="q" alwaysOn />,
  <LayerSelectInput key="layer" source="layer" table="councilLayer" layers={COUNCIL_LAYERS} alwaysOn />,
  <CodeSelectInput key="status" source="status" table="councilStatus" />,
  <DistrictInput key="district" source="district" />,
];

export function CouncilList() {
  return (
    <List filters={filters} sort={{ field: 'layer', order: 'ASC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <LayerField source="layer" table="councilLayer" />
        <DistrictField source="districtId" sortable={false} />
        <StatusField source="status" table="councilStatus" sortable={false} />
        <DateField source="establishedOn" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
