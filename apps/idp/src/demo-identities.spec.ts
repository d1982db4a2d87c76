import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { DEMO_USERS, describeDemoIdentities, findUser, tsunaguClaims } from './demo-identities';

describe('demo identities', () => {
  it('has one caseworker per contracted desk type (包括, 障害, 困窮, 子育て, 社協) whose agency claim is that desk', () => {
    const desks = {
      houkatsu: DEMO_ORGANIZATIONS.communityCareCentre,
      shougai: DEMO_ORGANIZATIONS.disabilityConsultation,
      jiritsu: DEMO_ORGANIZATIONS.selfRelianceSupport,
      kosodate: DEMO_ORGANIZATIONS.childFamilyCentre,
      shakyo: DEMO_ORGANIZATIONS.socialWelfareCouncil,
    };
    for (const [username, desk] of Object.entries(desks)) {
      const user = findUser(username);
      expect(user).toBeDefined();
      expect(tsunaguClaims(user!)).toEqual({ municipality: DEMO_MUNICIPALITY.lgCode, roles: ['caseworker'], agency: desk.id });
      expect(user!.title).toContain(desk.name);
    }
  });

  it('gives city staff no agency claim (their desk is CITY_DESK_ORGANIZATION_ID) and every agency claim names a demo organisation', () => {
    const organisationIds = new Set<string>(Object.values(DEMO_ORGANIZATIONS).map((organization) => organization.id));
    for (const username of ['admin', 'supervisor', 'caseworker', 'outreach', 'participation', 'coordinator', 'analyst', 'auditor']) {
      expect(tsunaguClaims(findUser(username)!)).not.toHaveProperty('agency');
    }
    for (const user of DEMO_USERS.filter((candidate) => candidate.agency)) expect(organisationIds.has(user.agency!)).toBe(true);
    expect(new Set(DEMO_USERS.map((user) => user.username)).size).toBe(DEMO_USERS.length);
  });

  it('prints every user in the start-up table', () => {
    const table = describeDemoIdentities();
    for (const user of DEMO_USERS) expect(table).toContain(user.username);
  });
});
