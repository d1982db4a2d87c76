import { ListButton, ReferenceArrayField, ReferenceField, required, Show, SimpleShowLayout, SingleFieldList, ChipField, TextField, TextInput, TopToolbar } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, OrganizationField, StatusField } from '../shared/codes';
import { ActionBar, RecordActionButton } from '../shared/RecordActionButtons';
import { StaffField } from '../shared/StaffField';

function ShowActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <ActionBar>
        <RecordActionButton
          action="withdraw"
          label="tsunagu.consent.withdraw"
          done="tsunagu.consent.withdrawn"
          danger
          when={(record) => record.status === 'obtained'}
          inputs={<TextInput source="reason" label="resources.consents.fields.withdrawalReason" validate={required()} multiline fullWidth />}
        />
      </ActionBar>
      <ListButton />
    </TopToolbar>
  );
}

export function ConsentShow() {
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <ReferenceField source="personId" reference="persons" link="show" />
        <CodeField source="scope" table="consentScope" />
        <ReferenceArrayField source="targetOrganizationIds" reference="organizations">
          <SingleFieldList linkType="show">
            <ChipField source="name" size="small" />
          </SingleFieldList>
        </ReferenceArrayField>
        <CodeField source="method" table="consentMethod" />
        <StatusField source="status" table="consentStatus" />
        <DateField source="obtainedAt" showTime />
        <StaffField source="obtainedBy" />
        <OrganizationField source="obtainedByOrganizationId" />
        <TextField source="documentRef" />
        <DateField source="withdrawnAt" showTime />
        <TextField source="withdrawalReason" />
      </SimpleShowLayout>
    </Show>
  );
}
