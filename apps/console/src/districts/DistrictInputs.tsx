import { BooleanInput, NumberInput, required, TextInput } from 'react-admin';
import { CodeSelectInput } from '../shared/codes';

export function DistrictInputs() {
  return (
    <>
      <TextInput source="shortName" validate={required()} />
      <TextInput source="officialName" validate={required()} fullWidth />
      <TextInput source="kana" validate={required()} />
      <NumberInput source="sortOrder" validate={required()} />
      <CodeSelectInput source="areaGroup" table="areaGroup" />
      <BooleanInput source="isIsland" />
    </>
  );
}
