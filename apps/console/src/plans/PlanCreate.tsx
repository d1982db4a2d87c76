import { SimpleForm, required } from 'react-admin';
import { TsunaguCreate } from '../shared/forms';
import { CaseInput } from '../shared/PersonInput';
import { PlanInputs, withGoalIds } from './PlanInputs';

/** Draft the next version of a case's plan (the case is アセスメント中 or プラン作成中). */
export function PlanCreate() {
  return (
    <TsunaguCreate transform={withGoalIds}>
      <SimpleForm defaultValues={{ goals: [], actions: [], usesParticipationSupport: false, usesOutreach: false }}>
        <CaseInput validate={required()} />
        <PlanInputs />
      </SimpleForm>
    </TsunaguCreate>
  );
}
