import { Datagrid, Labeled, ReferenceManyField, Show, SimpleShowLayout, TextField, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeArrayField, DistrictField, DistrictsField, OrganizationField, StatusField } from '../shared/codes';
import { SlotsField } from './SlotsField';

/** A host's terms (types, purposes accepted, 合理的配慮, contact, districts, agreement) and its menus. */
export function HostShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <OrganizationField source="organizationId" />
        <StatusField source="agreementStatus" table="hostAgreementStatus" />
        <CodeArrayField source="hostTypes" table="hostType" />
        <CodeArrayField source="accepts" table="participationPurpose" />
        <CodeArrayField source="accommodations" table="accommodation" />
        <TextField source="accommodationNotes" emptyText="—" />
        <TextField source="contactPerson" emptyText="—" />
        <DistrictsField source="districtIds" />
        <DateField source="registeredOn" />
        <Labeled label={translate('tsunagu.matching.menus')} fullWidth>
          <ReferenceManyField reference="participation-opportunities" target="hostId" perPage={50}>
            <Datagrid rowClick="show" bulkActionButtons={false}>
              <TextField source="title" />
              <CodeArrayField source="purposes" table="participationPurpose" />
              <SlotsField source="sessions" />
              <DistrictField source="districtId" />
              <TextField source="seatsLeft" emptyText="—" />
              <StatusField source="status" table="menuStatus" />
            </Datagrid>
          </ReferenceManyField>
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
