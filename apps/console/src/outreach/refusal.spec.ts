import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { refusalOf } from './refusal';

describe('refusalOf', () => {
  it('explains the consent gate (403 consent-required) and keeps the problem for the screen to explain', () => {
    const error = new HttpError('tsunagu.errors.forbidden', 403, { code: 'consent-required', detail: 'No consent 「参加支援受入先への提供」 covers this host' });
    expect(refusalOf(error, 'tsunagu.matching.consent_required')).toEqual({
      message: 'tsunagu.matching.consent_required',
      detail: 'No consent 「参加支援受入先への提供」 covers this host',
      problem: { code: 'consent-required', detail: 'No consent 「参加支援受入先への提供」 covers this host' },
      consent: true,
    });
  });

  it('explains a hand-over refused for want of a covering consent (409 with the consent named)', () => {
    const error = new HttpError('tsunagu.errors.state_conflict', 409, {
      code: 'conflict',
      detail: 'The person has no consent in force that covers sharing with this organisation',
    });
    expect(refusalOf(error, 'tsunagu.outreach.consent_refused').message).toBe('tsunagu.outreach.consent_refused');
  });

  it('keeps the dataProvider’s message for other refusals', () => {
    const error = new HttpError('tsunagu.errors.invalid_transition', 409, { code: 'invalid-transition', detail: 'proposed → proposed' });
    expect(refusalOf(error, 'x')).toEqual({ message: 'tsunagu.errors.invalid_transition', detail: 'proposed → proposed', problem: { code: 'invalid-transition', detail: 'proposed → proposed' } });
  });

  it('falls back to the server error without a message', () => {
    expect(refusalOf(undefined, 'x')).toEqual({ message: 'tsunagu.errors.server', detail: undefined, problem: undefined });
  });
});
