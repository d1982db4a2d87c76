import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { createDataProvider } from './index';
import { ERROR_MESSAGES, explainProblem, isScreenRefusal, toHttpError } from './problem';

/** intake's answer to a referral on the consent basis when no consent covers the organisation (request-referral.usecase.ts). */
const MISSING_CONSENT = {
  type: 'https://tsunagu.example/problems/consent-required',
  title: 'Consent or a legal basis is required',
  status: 403,
  code: 'consent-required',
  detail: 'No consent of the person covers sharing with organisation 0190…, and no 社福法106条の6 basis was given: record consent first.',
  organizationId: 'org-1',
  personId: 'person-1',
  errors: { infoBasis: 'no consent covers the receiving organisation' },
};

describe('problems in our own words', () => {
  it('maps a missing consent to its own message, not the permission error', () => {
    const error = toHttpError(403, MISSING_CONSENT);
    expect(error.message).toBe(ERROR_MESSAGES.consentRequired);
    expect(error.message).not.toBe(ERROR_MESSAGES.forbidden);
    expect((error.body as Record<string, unknown>).personId).toBe('person-1');
    expect(toHttpError(403, { status: 403, code: 'forbidden', requiredRoles: ['supervisor'] }).message).toBe(ERROR_MESSAGES.forbidden);
  });

  it('explains the known codes and reasons with i18n keys (never the English detail)', () => {
    expect(explainProblem(MISSING_CONSENT)).toEqual({ key: 'tsunagu.problems.consent_for_organization', args: {} });
    expect(explainProblem({ code: 'consent-required', errors: { infoBasis: 'no mandatory report on this consultation' } })?.key).toBe('tsunagu.problems.no_mandatory_report');
    expect(explainProblem({ code: 'consent-required', errors: { infoBasis: 'not a basis for sharing with another organisation' } })?.key).toBe('tsunagu.problems.basis_not_for_sharing');
    expect(explainProblem({ code: 'consent-required', detail: 'A plan goes to the 重層的支援会議 only with the person’s consent' })?.key).toBe('tsunagu.problems.consent_required');
    expect(explainProblem({ code: 'forbidden', detail: 'This action requires one of the roles: supervisor, admin', requiredRoles: ['supervisor', 'admin'] })).toEqual({
      key: 'tsunagu.problems.roles_required',
      args: { roles: 'supervisor,admin' },
    });
    expect(explainProblem({ code: 'forbidden', errors: { fromOrganizationId: 'must be your own desk' } })?.key).toBe('tsunagu.problems.own_desk_only');
    expect(explainProblem({ code: 'forbidden', consultationId: 'c1' })?.key).toBe('tsunagu.problems.receiving_desk_only');
    expect(explainProblem({ status: 403 })?.key).toBe('tsunagu.problems.forbidden');
    expect(explainProblem({ code: 'stale-version' })?.key).toBe('tsunagu.errors.conflict');
    expect(explainProblem({ code: 'something-new', detail: 'English' })).toBeUndefined();
    expect(explainProblem(undefined)).toBeUndefined();
  });
});

describe('isScreenRefusal', () => {
  const error = (status: number, body: Record<string, unknown>, method?: string) => Object.assign(new HttpError('x', status, body), method ? { method } : {});

  it('is true only for the role check on a read: the screen itself is refused', () => {
    expect(isScreenRefusal(error(403, { code: 'forbidden', requiredRoles: ['supervisor'] }, 'GET'))).toBe(true);
    expect(isScreenRefusal(error(403, {}))).toBe(true);
  });

  it('keeps every other 4xx where the user is: a missing consent, a refused save, not found, validation', () => {
    expect(isScreenRefusal(error(403, MISSING_CONSENT, 'POST'))).toBe(false);
    expect(isScreenRefusal(error(403, MISSING_CONSENT, 'GET'))).toBe(false);
    expect(isScreenRefusal(error(403, { code: 'forbidden', errors: { fromOrganizationId: 'must be your own desk' } }, 'POST'))).toBe(false);
    expect(isScreenRefusal(error(403, { code: 'forbidden' }, 'PATCH'))).toBe(false);
    expect(isScreenRefusal(error(404, { code: 'not-found' }, 'GET'))).toBe(false);
    expect(isScreenRefusal(error(400, { code: 'validation-failed' }, 'POST'))).toBe(false);
    expect(isScreenRefusal(undefined)).toBe(false);
  });

  it('gets the method from the dataProvider: a refused create is not a screen refusal', async () => {
    const fetch = async () => new Response(JSON.stringify(MISSING_CONSENT), { status: 403, headers: { 'content-type': 'application/problem+json' } });
    const provider = createDataProvider({ apiUrl: '/api', getAccessToken: async () => 'token', fetch });
    const refused = await provider.create('referrals', { data: { consultationId: 'c1', toOrganizationId: 'org-1', infoBasis: 'consent' } }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError & { method?: string }).method).toBe('POST');
    expect(isScreenRefusal(refused)).toBe(false);
    const read = await provider.getOne('referrals', { id: 'r1' }).catch((caught: unknown) => caught);
    expect((read as HttpError & { method?: string }).method).toBe('GET');
  });
});
