import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { missingConsentOf, referralConsentBody } from './missingConsent';
import { referralPersonLines } from './referralPerson';

describe('a referral refused for want of consent', () => {
  it('reads the person and the organisation out of intake’s 403 consent-required', () => {
    const error = new HttpError('tsunagu.errors.consent_required', 403, { code: 'consent-required', organizationId: 'org-1', personId: 'person-1' });
    expect(missingConsentOf(error)).toEqual({ personId: 'person-1', organizationId: 'org-1' });
    expect(missingConsentOf(new HttpError('x', 403, { code: 'consent-required', organizationId: 'org-1', personId: null }))).toEqual({ personId: null, organizationId: 'org-1' });
  });

  it('ignores the other refusals: another basis, the role check, validation', () => {
    expect(missingConsentOf(new HttpError('x', 403, { code: 'consent-required', errors: { infoBasis: 'no mandatory report on this consultation' } }))).toBeUndefined();
    expect(missingConsentOf(new HttpError('x', 403, { code: 'forbidden', organizationId: 'org-1' }))).toBeUndefined();
    expect(missingConsentOf(new HttpError('x', 400, { code: 'consent-required', organizationId: 'org-1' }))).toBeUndefined();
    expect(missingConsentOf(undefined)).toBeUndefined();
  });

  it('records the consent for the organisation referred to (named) or for sharing with every agency', () => {
    const missing = { personId: 'person-1', organizationId: 'org-1' };
    expect(referralConsentBody(missing, 'named-organization', 'signature')).toEqual({ personId: 'person-1', scope: 'named-organization', targetOrganizationIds: ['org-1'], method: 'signature', status: 'obtained' });
    expect(referralConsentBody(missing, 'agency-sharing', 'oral-recorded')).toMatchObject({ scope: 'agency-sharing', targetOrganizationIds: [], method: 'oral-recorded' });
  });
});

describe('the person on a referral', () => {
  it('shows name, reading, phones and address the caller may read', () => {
    expect(
      referralPersonLines({
        familyName: '讃岐',
        givenName: '一郎',
        familyNameKana: 'サヌキ',
        givenNameKana: 'イチロウ',
        phones: [{ type: 'home', number: '087-000-1234' }, { type: 'mobile', number: '090-0000-0000' }],
        address: { postalCode: '760-0017', prefecture: '香川県', municipalityName: '高松市', machiaza: '番町一丁目', banchi: '8-15' },
        addressRaw: '高松市番町1-8-15',
      }),
    ).toEqual({ name: '讃岐 一郎', kana: 'サヌキ イチロウ', phone: '087-000-1234、090-0000-0000', address: '〒760-0017 香川県 高松市 番町一丁目 8-15' });
  });

  it('names what is withheld and why instead of leaving it blank', () => {
    expect(referralPersonLines(undefined)).toEqual({
      name: { withheld: 'not-visible' },
      kana: { withheld: 'not-visible' },
      phone: { withheld: 'not-visible' },
      address: { withheld: 'not-visible' },
    });
    const protectedPerson = referralPersonLines({ familyName: '匿名', givenName: '', address: null, addressRaw: null, addressMasked: true, phones: [] });
    expect(protectedPerson.address).toEqual({ withheld: 'dv-address' });
    expect(protectedPerson.name).toBe('匿名');
    expect(protectedPerson.phone).toBe('');
    expect(referralPersonLines({ aliasName: '屋島西町の単身男性', addressRaw: '屋島西町' })).toMatchObject({ name: '屋島西町の単身男性', address: '屋島西町' });
  });
});
