import { useTranslate } from 'react-admin';
import { explainProblem, type Problem } from '../providers/dataProvider';

/**
 * A problem+json in our own words (explainProblem), roles by their Japanese names; undefined when the console has no
 * words for it. The server's English `detail` is never shown.
 */
export function useProblemText(): (problem: unknown) => string | undefined {
  const translate = useTranslate();
  return (problem) => {
    const explanation = explainProblem(problem as Problem | undefined);
    if (!explanation) return undefined;
    const roles = explanation.args.roles
      ?.split(',')
      .filter(Boolean)
      .map((role) => translate(`tsunagu.roles.${role}`, { _: role }))
      .join('、');
    return translate(explanation.key, { ...explanation.args, ...(roles !== undefined ? { roles } : {}) });
  };
}
