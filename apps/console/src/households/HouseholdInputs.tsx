import { ArrayInput, BooleanInput, required, SimpleFormIterator, TextInput } from 'react-admin';
import { CodeSelectInput, DistrictInput } from '../shared/codes';
import { PersonInput } from '../shared/PersonInput';

/**
 * A household: its label, key person, district, and members — each with the relation to the key person and
 * the care edges (介護 / 育児 / 経済的依存 / 見守り) to other members: who cares for whom.
 */
export function HouseholdInputs() {
  return (
    <>
      <TextInput source="label" validate={required()} />
      <PersonInput source="keyPersonId" />
      <DistrictInput source="districtId" />
      <ArrayInput source="members">
        <SimpleFormIterator>
          <PersonInput source="personId" label="resources.households.fields.members.personId" validate={required()} />
          <CodeSelectInput source="relationToKey" table="relationToKey" label="resources.households.fields.members.relationToKey" validate={required()} />
          <BooleanInput source="cohabiting" label="resources.households.fields.members.cohabiting" />
          <BooleanInput source="mainCarer" label="resources.households.fields.members.mainCarer" />
          <ArrayInput source="careEdges" label="resources.households.fields.members.careEdges">
            <SimpleFormIterator inline>
              <PersonInput source="toPersonId" label="resources.households.fields.members.careEdges.toPersonId" validate={required()} />
              <CodeSelectInput source="kind" table="careEdgeKind" label="resources.households.fields.members.careEdges.kind" validate={required()} />
            </SimpleFormIterator>
          </ArrayInput>
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
}

/** Members as the API takes them: `isMinor` is derived from the birth date by the server. */
export function householdBody(data: Record<string, unknown>): Record<string, unknown> {
  const members = data.members as Array<Record<string, unknown>> | undefined;
  if (!members) return data;
  return {
    ...data,
    members: members.map((member) => {
      const sent: Record<string, unknown> = { ...member, careEdges: (member.careEdges as unknown[] | undefined) ?? [] };
      delete sent.isMinor;
      return sent;
    }),
  };
}
