import { CONSULTATION_STATUSES, DISPOSITIONS } from '@tsunagu/contracts';
import { DomainErrorCode, type DomainException } from '@tsunagu/platform-errors';
import { DISPOSITION_STATUS, allowedConsultationActions, nextConsultationStatus, type ConsultationAction } from './consultation-status';

describe('consultation status machine', () => {
  it('follows DOMAIN §7.1', () => {
    expect(nextConsultationStatus('received', 'start-screening')).toBe('screening');
    expect(nextConsultationStatus('screening', 'triage', 'own-agency')).toBe('handling');
    expect(nextConsultationStatus('screening', 'triage', 'referral')).toBe('referred');
    expect(nextConsultationStatus('screening', 'triage', 'information-only')).toBe('closed');
    expect(nextConsultationStatus('handling', 'close')).toBe('closed');
    expect(nextConsultationStatus('reported', 'cancel')).toBe('cancelled');
  });

  it('refuses anything else, naming the allowed actions', () => {
    let error: DomainException | undefined;
    try {
      nextConsultationStatus('received', 'close');
    } catch (caught) {
      error = caught as DomainException;
    }
    expect(error?.code).toBe(DomainErrorCode.InvalidTransition);
    expect(error?.details['transition']).toEqual({ from: 'received', action: 'close', allowed: ['start-screening', 'cancel'] });
    expect(() => nextConsultationStatus('cancelled', 'cancel')).toThrow();
  });
});

describe('consultation status machine (every status × every action)', () => {
  const ACTIONS: ConsultationAction[] = ['start-screening', 'triage', 'close', 'cancel'];
  const EXPECTED: Record<string, ConsultationAction[]> = {
    received: ['start-screening', 'cancel'],
    screening: ['triage', 'cancel'],
    handling: ['close', 'cancel'],
    closed: ['cancel'],
    referred: ['cancel'],
    'handed-to-multi-agency': ['cancel'],
    'referred-to-support-meeting': ['cancel'],
    reported: ['cancel'],
    cancelled: [],
  };
  for (const status of CONSULTATION_STATUSES) {
    for (const action of ACTIONS) {
      it(`${status} --${action}--> ${EXPECTED[status].includes(action) ? 'allowed' : '409'}`, () => {
        if (EXPECTED[status].includes(action)) {
          if (action === 'triage') for (const disposition of DISPOSITIONS) expect(nextConsultationStatus(status, action, disposition)).toBe(DISPOSITION_STATUS[disposition]);
          else expect(nextConsultationStatus(status, action)).toBe({ 'start-screening': 'screening', close: 'closed', cancel: 'cancelled' }[action]);
          return;
        }
        try {
          nextConsultationStatus(status, action, 'own-agency');
          throw new Error('expected a refusal');
        } catch (error) {
          expect((error as DomainException).code).toBe(DomainErrorCode.InvalidTransition);
          expect((error as DomainException).details['transition']).toEqual({ from: status, action, allowed: allowedConsultationActions(status) });
        }
      });
    }
  }
});
