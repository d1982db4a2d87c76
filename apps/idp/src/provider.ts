import { Provider, errors, type InteractionDetails, type IssuedToken, type ProviderContext } from 'oidc-provider';
import type { IdpConfig } from './config';
import {
  API_SCOPES,
  CONSOLE_CLIENT_ID,
  DEMO_AGENCY_CLIENTS,
  findAgencyClient,
  findUser,
  tsunaguClaims,
} from './demo-identities';
import type { IdpSecrets } from './keys';
import { loggedOutPage, logoutPage } from './login-page';

/** The oidc-provider instance of the local IdP: demo users, the console client and agency clients. */
export function createProvider(config: IdpConfig, secrets: IdpSecrets): Provider {
  const redirectUris = config.IDP_CONSOLE_REDIRECT_URIS.split(',').map((uri) => uri.trim()).filter(Boolean);
  const consoleOrigins = new Set(redirectUris.map((uri) => new URL(uri).origin));
  const mountPath = new URL(config.IDP_ISSUER).pathname.replace(/\/$/, '');

  const provider = new Provider(config.IDP_ISSUER, {
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        client_name: 'つなぐ 管理コンソール',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: [...consoleOrigins].map((origin) => `${origin}/`),
        scope: `openid profile ${API_SCOPES.join(' ')}`,
      },
      ...DEMO_AGENCY_CLIENTS.map((client) => ({
        client_id: client.clientId,
        client_secret: client.secret,
        client_name: client.organization,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: 'tsunagu',
      })),
    ],
    jwks: secrets.jwks,
    cookies: { keys: secrets.cookieKeys },
    // Every client is first-party and public clients must prove possession of the code (S256).
    pkce: { required: () => true },
    responseTypes: ['code', 'none'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], tsunagu: ['municipality', 'roles', 'agency'] },
    scopes: ['openid', 'profile', ...API_SCOPES],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      revocation: { enabled: true },
      // Our own pages: oidc-provider's defaults load a font from fonts.googleapis.com, which a closed network cannot reach.
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: { body: string }, form: string) => {
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx: { body: string }) => {
          ctx.body = loggedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => config.IDP_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: ProviderContext, indicator: string) => {
          if (indicator !== config.IDP_RESOURCE) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
          return {
            scope: API_SCOPES.join(' '),
            audience: config.IDP_AUDIENCE,
            accessTokenTTL: config.IDP_ACCESS_TOKEN_TTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // Municipality, roles and agency go into every access token (docs/security/tokens.md); a person's token also
    // carries their display name (`name`, as Keycloak's and Entra ID's do) for the staff directory (職員名簿).
    extraTokenClaims: async (_ctx: ProviderContext, token: IssuedToken) => {
      if (token.accountId) {
        const user = findUser(token.accountId);
        return user ? { name: user.name, ...tsunaguClaims(user) } : undefined;
      }
      const client = token.clientId ? findAgencyClient(token.clientId) : undefined;
      return client ? tsunaguClaims(client) : undefined;
    },
    findAccount: async (_ctx: unknown, accountId: string) => {
      const user = findUser(accountId);
      if (!user) return undefined;
      return {
        accountId,
        claims: async () => ({ sub: accountId, name: user.name, preferred_username: user.username, ...tsunaguClaims(user) }),
      };
    },
    interactions: { url: (_ctx: unknown, interaction: InteractionDetails) => `${mountPath}/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx: unknown, origin: string) => consoleOrigins.has(origin),
    ttl: {
      AccessToken: config.IDP_ACCESS_TOKEN_TTL,
      ClientCredentials: config.IDP_ACCESS_TOKEN_TTL,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      const details = Object.entries(out)
        .map(([key, value]) => `<dt>${key}</dt><dd>${String(value).replace(/[<>&"]/g, '')}</dd>`)
        .join('');
      ctx.body = `<!doctype html><html lang="ja"><meta charset="utf-8"><title>エラー</title><main><h1>認証エラー</h1><dl>${details}</dl></main></html>`;
    },
  });
  // Behind the local edge: trust X-Forwarded-* so URLs use the public origin.
  provider.proxy = true;
  return provider;
}
