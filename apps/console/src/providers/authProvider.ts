import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { AuthProvider } from 'react-admin';
import { canAccess as rolesCanAccess, consoleRolesOf, decodeClaims, isKnownResource, recordDenial, requiredRoles, takeDenial, type TokenClaims } from './permissions';
import { isScreenRefusal } from './dataProvider/problem';
import type { RuntimeConfig } from './runtimeConfig';

/**
 * OpenID Connect login (authorization code + PKCE, oidc-client-ts) against the configured issuer — the
 * local idp at `/idp` behind the edge. Tokens live in sessionStorage (gone when the tab closes), never in
 * localStorage. The console reads roles from the access token to shape menus and buttons (`canAccess`);
 * the services check them again on every request.
 */
export const CALLBACK_PATH = '/callback';

export const DEFAULT_SCOPE = 'openid profile tsunagu';

export interface OidcSettings {
  authority: string;
  clientId: string;
  scope: string;
  origin: string;
}

/**
 * `/console-config.json` (read at start-up, see runtimeConfig.ts) wins; without it the build-time
 * VITE_OIDC_AUTHORITY / VITE_OIDC_CLIENT_ID, then the local idp at `${origin}/idp` and `tsunagu-console`.
 */
export function defaultOidcSettings(runtime?: RuntimeConfig): OidcSettings {
  const origin = window.location.origin;
  const configured = import.meta.env.VITE_OIDC_AUTHORITY as string | undefined;
  return {
    authority: runtime?.oidcAuthority || configured || `${origin}/idp`,
    clientId: runtime?.oidcClientId || (import.meta.env.VITE_OIDC_CLIENT_ID as string | undefined) || 'tsunagu-console',
    scope: runtime?.oidcScope || DEFAULT_SCOPE,
    origin,
  };
}

export function createUserManager(settings: OidcSettings = defaultOidcSettings()): UserManager {
  return new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: `${settings.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${settings.origin}/`,
    response_type: 'code',
    scope: settings.scope,
    loadUserInfo: false,
    automaticSilentRenew: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

/** Finishes the login when the idp sends the browser back to /callback; true when someone has just signed in. */
export async function completeLoginIfCallback(userManager: UserManager): Promise<boolean> {
  if (window.location.pathname !== CALLBACK_PATH) return false;
  let target = '/#/';
  let signedIn = false;
  try {
    const user = await userManager.signinRedirectCallback();
    const state = user.state as { returnTo?: string } | undefined;
    if (state?.returnTo && state.returnTo.startsWith('#/') && !state.returnTo.startsWith('#/login')) target = `/${state.returnTo}`;
    signedIn = true;
  } catch (error) {
    console.error('login failed', error);
    target = '/#/login?error=callback';
  }
  window.history.replaceState(null, '', target);
  return signedIn;
}

/** `#/community-resources/1/show` → { resource, action } of the screen the user tried to open. */
export function screenOf(hash: string): { resource?: string; action: string } {
  const [resource, id, last] = hash.replace(/^#\/?/, '').split(/[?]/)[0].split('/');
  if (!resource) return { action: 'list' };
  if (id === 'create') return { resource, action: 'create' };
  if (!id) return { resource, action: 'list' };
  return { resource, action: last === 'show' ? 'show' : 'edit' };
}

/** Where a signed-out visitor wanted to go (the login page sends them there afterwards). */
let requestedHash: string | undefined;

/**
 * Signed out at start-up: open the login page directly (instead of letting every screen's auth check
 * redirect there), remembering the screen that was asked for.
 */
export async function startAtLoginIfSignedOut(userManager: UserManager): Promise<void> {
  const user = await userManager.getUser();
  if (user && !user.expired) return;
  const hash = window.location.hash;
  if (hash.startsWith('#/login')) return;
  if (hash && hash !== '#/' && hash !== '#') requestedHash = hash;
  window.history.replaceState(null, '', '/#/login');
}

function claimsOf(user: User | null): TokenClaims | undefined {
  if (!user || user.expired) return undefined;
  return decodeClaims(user.access_token);
}

/**
 * `cityDeskOrganizationId` (from /console-config.json): the desk of city staff, whose tokens carry no `agency` — the
 * identity's `desk`, where their new records start, as the services treat them (CITY_DESK_ORGANIZATION_ID).
 */
export function createAuthProvider(userManager: UserManager, options: { cityDeskOrganizationId?: string } = {}): AuthProvider & { getAccessToken: () => Promise<string | undefined> } {
  const currentClaims = async () => claimsOf(await userManager.getUser());

  return {
    async getAccessToken() {
      const user = await userManager.getUser();
      return user && !user.expired ? user.access_token : undefined;
    },
    async login() {
      const hash = window.location.hash;
      const returnTo = hash && !hash.startsWith('#/login') ? hash : (requestedHash ?? '#/');
      await userManager.signinRedirect({ state: { returnTo } });
      // The browser is leaving for the idp's login page.
      return new Promise(() => undefined);
    },
    async logout() {
      const user = await userManager.getUser();
      await userManager.removeUser();
      if (user?.id_token) {
        await userManager.signoutRedirect({ id_token_hint: user.id_token });
        return new Promise(() => undefined);
      }
      return undefined;
    },
    async checkAuth() {
      // Redirect without `logout()`: nothing to clear, and react-admin's logout (store reset, query cache
      // clear) would re-run every pending auth check and bounce between routes.
      if (!(await currentClaims())) throw { redirectTo: '/login', logoutUser: false, message: false };
    },
    async checkError(error: { status?: number; method?: string; body?: Record<string, unknown> }) {
      if (error?.status === 401) {
        await userManager.removeUser();
        throw new Error('tsunagu.errors.unauthenticated');
      }
      // Only a screen the roles do not open goes to the explanation page; a refused save (a missing consent, a desk
      // rule) stays on its form with the input kept — redirecting here would also turn the save into an empty answer.
      if (isScreenRefusal(error)) {
        const claims = await currentClaims();
        const screen = screenOf(window.location.hash);
        const previous = takeDenial();
        if (screen.resource && isKnownResource(screen.resource)) {
          recordDenial({ ...screen, required: requiredRoles(screen.resource, screen.action), roles: claims?.roles ?? [], problem: error.body });
        } else if (previous) {
          // Already on the explanation page (the screen's access check came first): keep what it recorded.
          recordDenial({ ...previous, problem: previous.problem ?? error.body });
        } else {
          recordDenial({ required: [], roles: claims?.roles ?? [], problem: error.body });
        }
        // Stay signed in: explain what is missing instead.
        throw { redirectTo: '/access-denied', logoutUser: false, message: false };
      }
    },
    async getIdentity() {
      const user = await userManager.getUser();
      const claims = claimsOf(user);
      if (!user || !claims) throw new Error('tsunagu.auth.signed_out');
      const profile = user.profile as Record<string, unknown>;
      return {
        id: claims.sub,
        fullName: String(profile.name ?? claims.name ?? profile.preferred_username ?? claims.sub),
        roles: claims.roles,
        municipality: claims.municipality,
        agency: claims.agency,
        desk: claims.agency ?? options.cityDeskOrganizationId,
      };
    },
    async getPermissions() {
      return consoleRolesOf(await currentClaims());
    },
    async canAccess({ resource, action }) {
      const roles = consoleRolesOf(await currentClaims());
      const allowed = rolesCanAccess(roles, resource, action);
      // Remember the refusal of the screen being opened (menus ask about every resource) for the explanation page.
      if (!allowed && screenOf(window.location.hash).resource === resource) {
        recordDenial({ resource, action, required: requiredRoles(resource, action), roles });
      }
      return allowed;
    },
  };
}
