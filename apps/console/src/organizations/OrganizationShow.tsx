import { BooleanField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { CodeArrayField, CodeField, DistrictsField } from '../shared/codes';

export function OrganizationShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="kana" />
        <CodeField source="type" table="organizationType" />
        <CodeArrayField source="fields" table="organizationField" />
        <CodeArrayField source="jusouRoles" table="jusouRole" />
        <CodeField source="operation" table="organizationOperation" />
        <BooleanField source="isAppiPrivateOperator" />
        <DistrictsField source="districtIds" />
        <TextField source="contact.phone" />
        <TextField source="contact.email" />
        <TextField source="contact.website" />
        <TextField source="contact.address" />
        <TextField source="description" />
        <BooleanField source="archived" />
      </SimpleShowLayout>
    </Show>
  );
}
