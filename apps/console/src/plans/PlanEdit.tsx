import { SimpleForm } from 'react-admin';
import { TsunaguEdit } from '../shared/forms';
import { PlanInputs, withGoalIds } from './PlanInputs';

/** Edit a draft plan (下書き); submitted and later versions are changed by drafting the next version. */
export function PlanEdit() {
  return (
    <TsunaguEdit transform={withGoalIds}>
      <SimpleForm>
        <PlanInputs />
      </SimpleForm>
    </TsunaguEdit>
  );
}
