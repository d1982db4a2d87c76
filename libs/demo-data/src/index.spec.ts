import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS, OTHER_MUNICIPALITY } from './index';

describe('demo identities', () => {
  it('uses distinct municipality codes of six digits', () => {
    expect(DEMO_MUNICIPALITY.lgCode).toMatch(/^\d{6}$/);
    expect(OTHER_MUNICIPALITY.lgCode).toMatch(/^\d{6}$/);
    expect(DEMO_MUNICIPALITY.lgCode).not.toBe(OTHER_MUNICIPALITY.lgCode);
  });

  it('gives every demo organisation a unique UUID and a full-width katakana reading', () => {
    const organizations = Object.values(DEMO_ORGANIZATIONS);
    expect(new Set(organizations.map((organization) => organization.id)).size).toBe(organizations.length);
    for (const organization of organizations) {
      expect(organization.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(organization.kana).toMatch(/^[\u30A0-\u30FF\u3000 ]+$/);
    }
  });
});
