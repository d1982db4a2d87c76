import { ArrayField, BooleanField, CreateButton, Datagrid, EditButton, ListButton, ReferenceField, ReferenceManyField, required, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, OrganizationField, StatusField } from '../shared/codes';
import { MeetingInput } from '../shared/PersonInput';
import { RecordPrintButton } from '../shared/PrintPdfButton';
import { ActionBar, RecordActionButton } from '../shared/RecordActionButtons';
import { StaffField } from '../shared/StaffField';

function ShowActions() {
  const record = useRecordContext();
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <ActionBar>
        <RecordActionButton action="submit" label="tsunagu.plan.submit" done="tsunagu.plan.submitted" primary when={(record) => record.status === 'draft'} />
        <RecordActionButton
          action="approve"
          label="tsunagu.plan.approve"
          done="tsunagu.plan.approved"
          primary
          when={(record) => record.status === 'submitted'}
          inputs={<MeetingInput source="meetingId" label="resources.plans.fields.meetingId" filter={{ legalType: 'jusou-meeting', status: 'held' }} validate={required()} />}
        />
      </ActionBar>
      {record?.status === 'draft' && <EditButton />}
      <RecordPrintButton path={(shown) => `intake/plans/${shown.id}/pdf`} fileName="plan.pdf" />
      <ListButton />
    </TopToolbar>
  );
}

function EvaluateButton() {
  const record = useRecordContext();
  if (!record || record.status !== 'active') return null;
  return <CreateButton resource="evaluations" label="tsunagu.plan.evaluate" state={{ record: { planId: record.id, goalResults: ((record.goals as Array<{ id: string }> | undefined) ?? []).map((goal) => ({ goalId: goal.id })) } }} />;
}

/** One version of a case's support plan: wishes, goals, who does what, and its evaluations. */
export function PlanShow() {
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <ReferenceField source="caseId" reference="cases" link="show" />
        <TextField source="planVersion" />
        <StatusField source="status" table="planStatus" />
        <DateField source="createdOn" />
        <StaffField source="authorStaff" />
        <TextField source="wishes" />
        <TextField source="issueSummary" />
        <TextField source="overallDirection" />
        <ArrayField source="goals">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <TextField source="id" label="resources.plans.fields.goals.id" />
            <CodeField source="term" table="goalTerm" label="resources.plans.fields.goals.term" />
            <TextField source="text" label="resources.plans.fields.goals.text" />
            <DateField source="targetDate" label="resources.plans.fields.goals.targetDate" />
          </Datagrid>
        </ArrayField>
        <ArrayField source="actions">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <TextField source="goalId" label="resources.plans.fields.actions.goalId" />
            <OrganizationField source="organizationId" label="resources.plans.fields.actions.organizationId" />
            <TextField source="role" label="resources.plans.fields.actions.role" />
            <TextField source="content" label="resources.plans.fields.actions.content" />
            <TextField source="frequency" label="resources.plans.fields.actions.frequency" />
            <BooleanField source="isLead" label="resources.plans.fields.actions.isLead" />
          </Datagrid>
        </ArrayField>
        <BooleanField source="usesParticipationSupport" />
        <BooleanField source="usesOutreach" />
        <DateField source="nextReviewOn" />
        <ReferenceField source="meetingId" reference="meetings" link="show" />
        <EvaluateButton />
        <ReferenceManyField reference="evaluations" target="planId" label="resources.plans.fields.evaluations">
          <Datagrid bulkActionButtons={false} rowClick={false} empty={<span />}>
            <DateField source="evaluatedOn" />
            <CodeField source="decision" table="evaluationDecision" />
            <RecordPrintButton path={(evaluation) => `intake/plans/${evaluation.planId}/evaluations/${evaluation.id}/pdf`} fileName="evaluation.pdf" />
            <ArrayField source="goalResults">
              <Datagrid bulkActionButtons={false} rowClick={false}>
                <TextField source="goalId" label="resources.evaluations.fields.goalResults.goalId" />
                <CodeField source="result" table="goalResult" label="resources.evaluations.fields.goalResults.result" />
                <TextField source="note" label="resources.evaluations.fields.goalResults.note" />
              </Datagrid>
            </ArrayField>
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
