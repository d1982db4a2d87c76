import { ArrayInput, BooleanInput, SimpleFormIterator, TextInput, required } from 'react-admin';
import { DateInput } from '../dates/DateInput';
import { CodeSelectInput, OrganizationInput } from '../shared/codes';

interface Goal {
  id?: string;
}

/** Goals need an id the actions and evaluations refer to: g1, g2… where the user left it blank. */
export function withGoalIds(data: Record<string, unknown>): Record<string, unknown> {
  const goals = (data.goals as Goal[] | undefined) ?? [];
  return { ...data, goals: goals.map((goal, index) => ({ ...goal, id: goal.id || `g${index + 1}` })) };
}

/** A plan's content: wishes, issues, direction, goals and who does what (the same on draft and edit). */
export function PlanInputs() {
  return (
    <>
      <TextInput source="wishes" multiline fullWidth />
      <TextInput source="issueSummary" multiline fullWidth />
      <TextInput source="overallDirection" multiline fullWidth />
      <ArrayInput source="goals">
        <SimpleFormIterator inline>
          <TextInput source="id" label="resources.plans.fields.goals.id" helperText="tsunagu.plan.goal_id_hint" />
          <CodeSelectInput source="term" table="goalTerm" label="resources.plans.fields.goals.term" validate={required()} />
          <TextInput source="text" label="resources.plans.fields.goals.text" validate={required()} sx={{ minWidth: 320 }} />
          <DateInput source="targetDate" label="resources.plans.fields.goals.targetDate" />
        </SimpleFormIterator>
      </ArrayInput>
      <ArrayInput source="actions">
        <SimpleFormIterator inline>
          <TextInput source="goalId" label="resources.plans.fields.actions.goalId" />
          <OrganizationInput source="organizationId" label="resources.plans.fields.actions.organizationId" validate={required()} />
          <TextInput source="role" label="resources.plans.fields.actions.role" validate={required()} />
          <TextInput source="content" label="resources.plans.fields.actions.content" validate={required()} />
          <TextInput source="frequency" label="resources.plans.fields.actions.frequency" />
          <BooleanInput source="isLead" label="resources.plans.fields.actions.isLead" />
        </SimpleFormIterator>
      </ArrayInput>
      <BooleanInput source="usesParticipationSupport" />
      <BooleanInput source="usesOutreach" />
      <DateInput source="nextReviewOn" />
    </>
  );
}
