import { BooleanInput, required, TextInput } from 'react-admin';
import { CodeSelectArrayInput, CodeSelectInput, DistrictsInput } from '../shared/codes';

export function OrganizationInputs() {
  return (
    <>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="kana" />
      <CodeSelectInput source="type" table="organizationType" validate={required()} />
      <CodeSelectArrayInput source="fields" table="organizationField" />
      <CodeSelectArrayInput source="jusouRoles" table="jusouRole" />
      <CodeSelectInput source="operation" table="organizationOperation" />
      <BooleanInput source="isAppiPrivateOperator" />
      <DistrictsInput />
      <TextInput source="contact.phone" />
      <TextInput source="contact.email" />
      <TextInput source="contact.website" />
      <TextInput source="contact.address" fullWidth />
      <TextInput source="description" multiline minRows={2} fullWidth />
    </>
  );
}
