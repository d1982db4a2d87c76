import { ArrayField, BooleanField, Datagrid, EditButton, ListButton, ReferenceField, ReferenceManyField, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { CodeField, DistrictField, StatusField } from '../shared/codes';
import { Timeline } from '../timeline/Timeline';
import { CareRelations } from './CareRelations';
import type { HouseholdMember } from './relations';

function HouseholdTimeline() {
  const record = useRecordContext();
  if (!record) return null;
  const memberIds = ((record.members as HouseholdMember[] | undefined) ?? []).map((member) => member.personId);
  return <Timeline subject={{ householdId: String(record.id), memberIds }} />;
}

/** A household's page: members (each linking to the person), who cares for whom, its cases, and one timeline. */
export function HouseholdShow() {
  return (
    <Show actions={<TopToolbar><EditButton /><ListButton /></TopToolbar>}>
      <SimpleShowLayout>
        <TextField source="label" />
        <ReferenceField source="keyPersonId" reference="persons" link="show" />
        <DistrictField source="districtId" />
        <ArrayField source="members">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <ReferenceField source="personId" reference="persons" link="show" label="resources.households.fields.members.personId" />
            <CodeField source="relationToKey" table="relationToKey" label="resources.households.fields.members.relationToKey" />
            <BooleanField source="cohabiting" label="resources.households.fields.members.cohabiting" />
            <BooleanField source="mainCarer" label="resources.households.fields.members.mainCarer" />
            <BooleanField source="isMinor" label="resources.households.fields.members.isMinor" />
          </Datagrid>
        </ArrayField>
        <CareRelations />
        <ReferenceManyField reference="cases" target="householdId" label="resources.households.fields.cases">
          <Datagrid bulkActionButtons={false} rowClick="show" empty={<span />}>
            <TextField source="caseNo" />
            <CodeField source="track" table="caseTrack" />
            <StatusField source="status" table="caseStatus" />
          </Datagrid>
        </ReferenceManyField>
        <HouseholdTimeline />
      </SimpleShowLayout>
    </Show>
  );
}
