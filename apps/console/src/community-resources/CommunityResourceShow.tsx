import { BooleanField, EditButton, NumberField, Show, SimpleShowLayout, TextField, TopToolbar, ListButton, useRecordContext } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeArrayField, CodeField, DistrictsField, OrganizationField, StatusField } from '../shared/codes';
import { LifecycleButtons } from './LifecycleButtons';

function ShowActions() {
  const record = useRecordContext();
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <LifecycleButtons />
      {record?.status !== 'retired' && <EditButton />}
      <ListButton />
    </TopToolbar>
  );
}

export function CommunityResourceShow() {
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="kana" />
        <StatusField source="status" table="resourceStatus" />
        <CodeField source="category" table="resourceCategory" />
        <CodeField source="insuranceScheme" table="insuranceScheme" />
        <DistrictsField source="districtIds" />
        <OrganizationField source="organizationId" />
        <CodeArrayField source="activities" table="resourceActivity" />
        <CodeField source="eligibility" table="resourceEligibility" />
        <CodeField source="schedule.frequency" table="scheduleFrequency" />
        <CodeArrayField source="schedule.weekdays" table="weekday" />
        <TextField source="schedule.opensAt" />
        <TextField source="schedule.closesAt" />
        <TextField source="schedule.note" />
        <NumberField source="capacity" />
        <TextField source="fee" />
        <TextField source="contact.phone" />
        <TextField source="contact.email" />
        <TextField source="contact.address" />
        <TextField source="description" />
        <BooleanField source="public" />
        <DateField source="lastVerifiedOn" />
        <DateField source="updatedAt" showTime />
      </SimpleShowLayout>
    </Show>
  );
}
