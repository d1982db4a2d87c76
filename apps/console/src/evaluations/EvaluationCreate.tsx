import { ArrayInput, SimpleForm, SimpleFormIterator, TextInput, required, type RaRecord } from 'react-admin';
import { DateInput } from '../dates/DateInput';
import { CodeSelectInput } from '../shared/codes';
import { TsunaguCreate } from '../shared/forms';
import { MeetingInput } from '../shared/PersonInput';

/** Evaluate the active plan (case 評価中): a result per goal and the decision 継続 / 再プラン / 終結 / 中断. */
export function EvaluationCreate() {
  return (
    <TsunaguCreate redirect={(_resource?: string, _id?: unknown, data?: Partial<RaRecord>) => `plans/${String(data?.planId ?? '')}/show`}>
      <SimpleForm defaultValues={{ decision: 'continue' }}>
        <TextInput source="planId" validate={required()} readOnly />
        <DateInput source="evaluatedOn" />
        <MeetingInput source="meetingId" />
        <ArrayInput source="goalResults" validate={required()}>
          <SimpleFormIterator inline>
            <TextInput source="goalId" label="resources.evaluations.fields.goalResults.goalId" validate={required()} />
            <CodeSelectInput source="result" table="goalResult" label="resources.evaluations.fields.goalResults.result" validate={required()} />
            <TextInput source="note" label="resources.evaluations.fields.goalResults.note" />
          </SimpleFormIterator>
        </ArrayInput>
        <CodeSelectInput source="decision" table="evaluationDecision" validate={required()} />
        <CodeSelectInput source="closureReason" table="closureReason" />
        <TextInput source="suspensionReason" fullWidth />
      </SimpleForm>
    </TsunaguCreate>
  );
}
