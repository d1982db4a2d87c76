import { ListButton, ReferenceField, required, SelectInput, Show, SimpleShowLayout, TextField, TextInput, TopToolbar } from 'react-admin';
import { DateField } from '../dates/DateField';
import { codeChoices } from '../i18n/codes';
import { CodeField, StatusField } from '../shared/codes';
import { ActionBar, RecordActionButton } from '../shared/RecordActionButtons';
import { StaffField } from '../shared/StaffField';

const DECISIONS = codeChoices('mandatoryReportStatus').filter((choice) => choice.id !== 'decision-pending');

function ShowActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <ActionBar>
        <RecordActionButton
          action="decide"
          label="tsunagu.mandatory_report.decide"
          done="tsunagu.mandatory_report.decided"
          primary
          when={(record) => record.status === 'decision-pending'}
          defaultValues={{ decision: 'reported' }}
          inputs={
            <>
              <SelectInput source="decision" choices={DECISIONS} label="tsunagu.mandatory_report.decision" validate={required()} />
              <TextInput source="reportedTo" label="resources.mandatory-reports.fields.reportedTo" fullWidth helperText="tsunagu.mandatory_report.reported_to_hint" />
              <TextInput source="note" label="resources.mandatory-reports.fields.note" multiline fullWidth />
            </>
          }
        />
      </ActionBar>
      <ListButton />
    </TopToolbar>
  );
}

/** A 通報 record: which law imposes the duty, and the 通報要否 decision (where it was reported, or why not). */
export function MandatoryReportShow() {
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <ReferenceField source="consultationId" reference="consultations" link="show" />
        <ReferenceField source="personId" reference="persons" link="show" />
        <TextField source="lawLabel" />
        <CodeField source="issueTag" table="issueTag" />
        <StatusField source="status" table="mandatoryReportStatus" />
        <DateField source="decidedAt" showTime />
        <StaffField source="decidedBy" />
        <TextField source="reportedTo" />
        <TextField source="note" />
      </SimpleShowLayout>
    </Show>
  );
}
