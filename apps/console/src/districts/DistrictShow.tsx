import { BooleanField, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { CodeField } from '../shared/codes';

export function DistrictShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="shortName" />
        <TextField source="officialName" />
        <TextField source="kana" />
        <NumberField source="sortOrder" />
        <CodeField source="areaGroup" table="areaGroup" />
        <BooleanField source="isIsland" />
      </SimpleShowLayout>
    </Show>
  );
}
