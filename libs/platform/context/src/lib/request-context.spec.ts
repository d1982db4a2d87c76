import { TenantContext, TenantContextMissingError } from './request-context';

describe('TenantContext', () => {
  it('carries the principal and municipality through awaits of one request only', async () => {
    const seen: (string | undefined)[] = [];
    await Promise.all(
      ['372013', '372021'].map((municipality, index) =>
        TenantContext.run({ requestId: `r${index}` }, async () => {
          TenantContext.authenticate({ subject: `u${index}`, municipality, roles: ['caseworker'], scopes: [], client: false });
          await new Promise((resolve) => setTimeout(resolve, 5 - index));
          seen.push(`${TenantContext.requestId()}:${TenantContext.requireMunicipality()}:${TenantContext.principal()?.subject}`);
        }),
      ),
    );
    expect(seen.sort()).toEqual(['r0:372013:u0', 'r1:372021:u1']);
    expect(TenantContext.current()).toBeUndefined();
  });

  it('refuses tenant work outside a context instead of guessing a municipality', () => {
    expect(() => TenantContext.requireMunicipality()).toThrow(TenantContextMissingError);
    expect(() => TenantContext.authenticate({ subject: 'x', municipality: '372013', roles: [], scopes: [], client: false })).toThrow();
  });

  it('marks system work, which is never a user request', () => {
    TenantContext.runAsSystem('372013', () => {
      expect(TenantContext.isSystem()).toBe(true);
      expect(TenantContext.municipality()).toBe('372013');
      expect(TenantContext.principal()).toBeUndefined();
    });
    TenantContext.run({ requestId: 'r' }, () => expect(TenantContext.isSystem()).toBe(false));
  });
});
