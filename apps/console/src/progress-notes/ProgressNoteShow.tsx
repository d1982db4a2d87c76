import { ListButton, NumberField, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, OrganizationField, useCanRead } from '../shared/codes';
import { StaffField } from '../shared/StaffField';

export function ProgressNoteShow() {
  const canReadConsultations = useCanRead('consultations');
  return (
    <Show actions={<TopToolbar><ListButton /></TopToolbar>}>
      <SimpleShowLayout>
        <DateField source="occurredAt" showTime />
        <ReferenceField source="caseId" reference="cases" link="show" />
        {canReadConsultations && <ReferenceField source="consultationId" reference="consultations" link="show" />}
        <CodeField source="kind" table="noteKind" />
        <NumberField source="durationMin" />
        <CodeField source="legalBasis" table="legalBasis" />
        <ReferenceField source="meetingId" reference="meetings" link="show" />
        <StaffField source="authorStaff" />
        <OrganizationField source="authorOrganizationId" />
        <TextField source="text" sx={{ whiteSpace: 'pre-wrap' }} />
      </SimpleShowLayout>
    </Show>
  );
}
