import { DomainErrorCode, type DomainException } from '@tsunagu/platform-http';
import { nextConsultationStatus } from './consultation-status';

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
