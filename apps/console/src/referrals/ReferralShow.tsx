import { BooleanField, CanAccess, ListButton, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, OrganizationField, StatusField } from '../shared/codes';
import { ReferralAnswerButtons } from '../shared/RecordActionButtons';

function ShowActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <ReferralAnswerButtons />
      <ListButton />
    </TopToolbar>
  );
}

export function ReferralShow() {
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <CanAccess resource="consultations" action="show">
          <ReferenceField source="consultationId" reference="consultations" link="show" />
        </CanAccess>
        <OrganizationField source="fromOrganizationId" />
        <OrganizationField source="toOrganizationId" />
        <DateField source="referredOn" />
        <BooleanField source="accompanied" />
        <CodeField source="infoBasis" table="legalBasis" />
        <TextField source="basisNote" />
        <TextField source="requestNote" />
        <StatusField source="status" table="referralStatus" />
        <DateField source="followUpDue" />
        <CodeField source="reasonCode" table="referralReason" />
        <TextField source="responseNote" />
        <DateField source="respondedAt" showTime />
        <DateField source="firstContactOn" />
      </SimpleShowLayout>
    </Show>
  );
}
