import { ArrayInput, BooleanInput, SimpleFormIterator, TextInput } from 'react-admin';
import { DateInput } from '../dates/DateInput';
import { CodeSelectInput, DistrictInput } from '../shared/codes';

/** 氏名 and カナ (ｶﾅ and かな accepted: the service stores 全角カタカナ), birth date in 和暦 or 西暦, contacts. */
export function PersonInputs() {
  return (
    <>
      <TextInput source="familyName" />
      <TextInput source="givenName" />
      <TextInput source="familyNameKana" />
      <TextInput source="givenNameKana" />
      <TextInput source="aliasName" />
      <DateInput source="birthDate" />
      <CodeSelectInput source="sex" table="sex" />
      <CodeSelectInput source="identityLevel" table="identityLevel" />
      <TextInput source="addressRaw" fullWidth />
      <DistrictInput source="districtId" />
      <ArrayInput source="phones">
        <SimpleFormIterator inline>
          <CodeSelectInput source="type" table="phoneType" />
          <TextInput source="number" label="resources.persons.fields.phones.number" />
        </SimpleFormIterator>
      </ArrayInput>
      <TextInput source="email" />
      <BooleanInput source="dvAddressProtection" />
    </>
  );
}
