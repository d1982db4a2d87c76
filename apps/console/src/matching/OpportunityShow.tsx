import { BooleanField, NumberField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { CodeArrayField, CodeField, DistrictField, OrganizationField, StatusField } from '../shared/codes';
import { SlotsField } from './SlotsField';

/** A place to join: 活動内容, purposes, sessions, seats, place, fee, insurance, 合理的配慮, load and group size. */
export function OpportunityShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="title" />
        <CodeField source="source" table="opportunitySource" />
        <StatusField source="status" table="menuStatus" />
        <ReferenceField source="hostId" reference="participation-hosts" link="show" emptyText="—" />
        <OrganizationField source="organizationId" />
        <TextField source="activityType" emptyText="—" />
        <CodeArrayField source="purposes" table="participationPurpose" />
        <TextField source="activityTags" emptyText="—" />
        <SlotsField source="sessions" />
        <TextField source="capacity" emptyText="—" />
        <TextField source="seatsLeft" emptyText="—" />
        <DistrictField source="districtId" />
        <TextField source="location" emptyText="—" />
        <NumberField source="fee" />
        <BooleanField source="volunteerInsurance" />
        <CodeArrayField source="accommodations" table="accommodation" />
        <CodeField source="physicalLoad" table="physicalLoad" />
        <TextField source="groupSize" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
