import { required, TextInput } from 'react-admin';
import { CodeSelectArrayInput, CodeSelectInput, DistrictsInput, OrganizationInput } from '../shared/codes';

/** A host's terms: types, purposes accepted, 合理的配慮 offered, contact, districts, agreement status. */
export function HostInputs({ create }: { create?: boolean }) {
  return (
    <>
      {create && <OrganizationInput source="organizationId" validate={required()} />}
      <TextInput source="name" validate={required()} fullWidth />
      <CodeSelectArrayInput source="hostTypes" table="hostType" validate={required()} />
      <CodeSelectArrayInput source="accepts" table="participationPurpose" validate={required()} />
      <CodeSelectArrayInput source="accommodations" table="accommodation" />
      <TextInput source="accommodationNotes" multiline fullWidth />
      <TextInput source="contactPerson" />
      <DistrictsInput source="districtIds" />
      <CodeSelectInput source="agreementStatus" table="hostAgreementStatus" />
    </>
  );
}
