import { EvaluationCreate } from './EvaluationCreate';

/** Evaluations live under their plan (POST /plans/{id}/evaluations): created from the plan's page, listed there. */
export default { create: EvaluationCreate };
