import { useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  ArrayField,
  BooleanField,
  CreateButton,
  Datagrid,
  EditButton,
  ListButton,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useGetIdentity,
  useNotify,
  useRecordContext,
  useRedirect,
} from 'react-admin';
import { SubjectAuditTrail } from '../audit-records/SubjectAuditTrail';
import { mayReadSubjectTrail } from '../providers/permissions';
import { DateField } from '../dates/DateField';
import { CodeField, DistrictField } from '../shared/codes';
import { activeGrant } from '../emergency-access/emergencyAccess';
import { EmergencyAccessBanner, NoRelationship } from '../emergency-access/NoRelationship';
import { Timeline } from '../timeline/Timeline';

function ReceiveButton() {
  const record = useRecordContext();
  if (!record) return null;
  return <CreateButton resource="consultations" label="tsunagu.intake.receive" state={{ record: { personId: record.id } }} />;
}

function RecordConsentButton() {
  const record = useRecordContext();
  if (!record) return null;
  return <CreateButton resource="consents" label="tsunagu.consent.record" state={{ record: { personId: record.id } }} />;
}

function PersonTimeline() {
  const record = useRecordContext();
  return <Timeline subject={record ? { personId: String(record.id) } : undefined} />;
}

function PersonAuditTrail() {
  const record = useRecordContext();
  return <SubjectAuditTrail subjectId={record ? String(record.id) : undefined} />;
}

/** The person's fields, households and timeline: the whole page, or its first tab next to the access log. */
function personDetails() {
  return [
    <TextField key="familyName" source="familyName" />,
    <TextField key="givenName" source="givenName" />,
    <TextField key="familyNameKana" source="familyNameKana" />,
    <TextField key="givenNameKana" source="givenNameKana" />,
    <TextField key="aliasName" source="aliasName" />,
    <DateField key="birthDate" source="birthDate" />,
    <CodeField key="sex" source="sex" table="sex" />,
    <CodeField key="identityLevel" source="identityLevel" table="identityLevel" />,
    <TextField key="addressRaw" source="addressRaw" />,
    <DistrictField key="districtId" source="districtId" />,
    <ArrayField key="phones" source="phones">
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <CodeField source="type" table="phoneType" label="resources.persons.fields.phones.type" />
        <TextField source="number" label="resources.persons.fields.phones.number" />
      </Datagrid>
    </ArrayField>,
    <BooleanField key="dvAddressProtection" source="dvAddressProtection" />,
    <ReferenceManyField key="households" reference="households" target="personId" label="resources.persons.fields.households">
      <Datagrid bulkActionButtons={false} rowClick="show" empty={<span />}>
        <TextField source="label" />
        <ReferenceField source="keyPersonId" reference="persons" link={false} />
      </Datagrid>
    </ReferenceManyField>,
    <PersonTimeline key="timeline" />,
  ];
}

function ShowActions() {
  return (
    <TopToolbar>
      <ReceiveButton />
      <RecordConsentButton />
      <EditButton />
      <ListButton />
    </TopToolbar>
  );
}

/** A person's page: identity, contacts, households, and one timeline (consultations, referrals, consents, cases, plans, meetings, notes). */
export function PersonShow() {
  const { id } = useParams<{ id: string }>();
  const notify = useNotify();
  const redirect = useRedirect();
  const { identity } = useGetIdentity();
  const auditTrail = mayReadSubjectTrail(identity as { roles: string[]; agency?: string } | undefined);
  // 404: no relationship of the caller's desk with this person (or no such person) — say so and offer 緊急時アクセス (issue 13).
  const [hidden, setHidden] = useState(false);
  if (hidden) {
    return (
      <NoRelationship
        personId={id}
        onGranted={() => setHidden(false)}
      />
    );
  }
  return (
    <Show
      actions={<ShowActions />}
      queryOptions={{
        retry: false,
        onError: (error: Error) => {
          if ((error as Error & { status?: number }).status === 404) setHidden(true);
          else {
            notify('ra.notification.http_error', { type: 'error' });
            redirect('list', 'persons');
          }
        },
      }}
    >
      <EmergencyAccessBanner grant={activeGrant(id)} />
      {/* 「閲覧・操作の記録」 (who saw this person) only for those the audit API answers about a person: auditors, admins, city supervisors. */}
      {auditTrail ? (
        <TabbedShowLayout>
          <TabbedShowLayout.Tab label="tsunagu.subject_audit.tab_details">{personDetails()}</TabbedShowLayout.Tab>
          <TabbedShowLayout.Tab label="tsunagu.subject_audit.tab" path="access-log">
            <PersonAuditTrail />
          </TabbedShowLayout.Tab>
        </TabbedShowLayout>
      ) : (
        <SimpleShowLayout>{personDetails()}</SimpleShowLayout>
      )}
    </Show>
  );
}
