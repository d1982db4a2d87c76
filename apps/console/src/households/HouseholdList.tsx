import { ArrayField, CreateButton, Datagrid, List, TopToolbar, ReferenceField, ShowButton, SingleFieldList, TextField } from 'react-admin';
import { DistrictField } from '../shared/codes';
import { QInput } from '../shared/SearchInput';

const filters = [<QInput key="q" source="q" alwaysOn />];

export function HouseholdList() {
  return (
    <List filters={filters} sort={{ field: 'label', order: 'ASC' }} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="label" />
        <ReferenceField source="keyPersonId" reference="persons" link={false} sortable={false} />
        <DistrictField source="districtId" sortable={false} />
        <ArrayField source="members" sortable={false}>
          <SingleFieldList linkType={false}>
            <ReferenceField source="personId" reference="persons" link={false} />
          </SingleFieldList>
        </ArrayField>
        <ShowButton />
      </Datagrid>
    </List>
  );
}
