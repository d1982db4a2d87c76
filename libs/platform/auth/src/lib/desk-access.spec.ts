import type { Principal } from '@tsunagu/platform-context';
import { DEFAULT_CITY_WIDE_READ_ROLES, deskAccessSettingsOf, effectiveOrganizationOf, readsCityWide } from './desk-access';

const base: Principal = { subject: 'u', municipality: '372013', roles: ['caseworker'], scopes: [], client: false };
const settings = { cityDeskOrganizationId: 'city-desk', cityWideReadRoles: DEFAULT_CITY_WIDE_READ_ROLES };

describe('desk access', () => {
  it('puts city staff at the city desk and contracted staff at their own', () => {
    expect(effectiveOrganizationOf(base, settings)).toBe('city-desk');
    expect(effectiveOrganizationOf({ ...base, agency: 'houkatsu' }, settings)).toBe('houkatsu');
    expect(effectiveOrganizationOf({ ...base, roles: ['agency'], agency: 'jiritsu', client: true }, settings)).toBe('jiritsu');
    expect(effectiveOrganizationOf({ ...base, client: true }, settings)).toBeUndefined();
  });

  it('reads city-wide only for the named city roles, never for a contracted desk', () => {
    expect(readsCityWide(base, settings)).toBe(false);
    expect(readsCityWide({ ...base, roles: ['supervisor'] }, settings)).toBe(true);
    expect(readsCityWide({ ...base, roles: ['supervisor'], agency: 'houkatsu' }, settings)).toBe(false);
    expect(readsCityWide({ ...base, roles: ['caseworker'] }, { ...settings, cityWideReadRoles: ['caseworker'] })).toBe(true);
  });

  it('reads its settings from the configuration, the default list being the documented one', () => {
    expect(deskAccessSettingsOf({ CITY_DESK_ORGANIZATION_ID: 'city-desk', CITY_WIDE_READ_ROLES: 'supervisor,coordinator,auditor' })).toEqual(settings);
    expect(deskAccessSettingsOf({ CITY_DESK_ORGANIZATION_ID: undefined, CITY_WIDE_READ_ROLES: ' supervisor , ' })).toEqual({ cityDeskOrganizationId: undefined, cityWideReadRoles: ['supervisor'] });
  });
});
