import { CASE_STATUSES } from '@tsunagu/contracts';
import { DomainErrorCode, type DomainException } from '@tsunagu/platform-errors';
import { allowedCaseActions, nextCaseStatus, type CaseAction } from './case-status';

const ACTIONS: CaseAction[] = ['record-consent', 'start-assessment', 'start-planning', 'submit-plan', 'decide-support', 'start-support', 'start-evaluation', 'continue', 'replan', 'suspend', 'resume', 'close'];

// DOMAIN §7.1, written out once more so a change to the machine has to change this table too.
const EXPECTED: Record<string, Partial<Record<CaseAction, string>>> = {
  potential: { 'record-consent': 'assessing', close: 'closed' },
  received: { 'start-assessment': 'assessing' },
  assessing: { 'start-planning': 'planning' },
  planning: { 'submit-plan': 'in-review' },
  'in-review': { 'decide-support': 'decided', replan: 'planning' },
  decided: { 'start-support': 'in-support' },
  'in-support': { 'start-evaluation': 'evaluating', suspend: 'suspended' },
  evaluating: { continue: 'in-support', replan: 'planning', close: 'closed', suspend: 'suspended' },
  suspended: { resume: 'in-support' },
  closed: {},
};

describe('case status machine (every status × every action)', () => {
  for (const status of CASE_STATUSES) {
    for (const action of ACTIONS) {
      const target = EXPECTED[status][action];
      it(`${status} --${action}--> ${target ?? '409'}`, () => {
        if (target) {
          expect(nextCaseStatus(status, action)).toBe(target);
          return;
        }
        try {
          nextCaseStatus(status, action);
          throw new Error('expected a refusal');
        } catch (error) {
          expect((error as DomainException).code).toBe(DomainErrorCode.InvalidTransition);
          expect((error as DomainException).details['transition']).toEqual({ from: status, action, allowed: allowedCaseActions(status) });
        }
      });
    }
  }
});
