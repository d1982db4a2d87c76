import { ArrayInput, BooleanInput, SimpleFormIterator, TextInput } from 'react-admin';
import { DateInput } from '../dates/DateInput';
import { CodeSelectInput, DistrictInput } from '../shared/codes';

/**
 * 氏名 and カナ (ｶﾅ and かな accepted: the service stores 全角カタカナ), 通称 for someone whose name is not known, birth
 * date in 和暦 or 西暦, how far the identity was checked (未確認 until staff check it), contacts. The form checks what the
 * API checks (validation.ts).
 */
export function PersonInputs() {
  return (
    <>
      <TextInput source="familyName" />
      <TextInput source="givenName" />
      <TextInput source="familyNameKana" />
      <TextInput source="givenNameKana" />
      <TextInput source="aliasName" helperText="tsunagu.person.alias_hint" />
      <DateInput source="birthDate" />
      <CodeSelectInput source="birthDatePrecision" table="birthDatePrecision" />
      <CodeSelectInput source="sex" table="sex" />
      <CodeSelectInput source="identityLevel" table="identityLevel" helperText="tsunagu.person.identity_hint" />
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
