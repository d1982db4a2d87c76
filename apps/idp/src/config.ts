import { defineVariables, type ConfigValues } from '@tsunagu/platform-config';

/** Variables of the local identity provider (never deployed: the chart points services at the city IdP). */
export const idpVariables = defineVariables({
  NODE_ENV: {
    description: 'Runtime mode. The local IdP refuses to start in `production`.',
    type: 'enum',
    choices: ['development', 'test', 'production'],
    default: 'development',
  },
  IDP_ISSUER: {
    description: 'Issuer URL; the IdP serves everything under its path (default /idp) so the local edge can proxy `/idp/*` as-is.',
    type: 'url',
    default: 'http://localhost:8080/idp',
  },
  IDP_HOST: { description: 'Interface the IdP binds to.', type: 'string', default: '127.0.0.1' },
  IDP_PORT: { description: 'HTTP port of the IdP.', type: 'int', default: '3100', min: 1, max: 65535 },
  IDP_DATA_DIR: {
    description: 'Directory holding the signing keys (jwks.json) and cookie secrets, so tokens survive restarts. Default `<repo>/.local/idp`.',
    type: 'string',
  },
  IDP_AUDIENCE: { description: '`aud` of access tokens (services check it as OIDC_AUDIENCE).', type: 'string', default: 'tsunagu-api' },
  IDP_RESOURCE: {
    description: 'Resource indicator (RFC 8707) of the Tsunagu API; requests without `resource` get it by default.',
    type: 'string',
    default: 'urn:tsunagu:api',
  },
  IDP_CONSOLE_REDIRECT_URIS: {
    description: 'Comma-separated redirect URIs of the `tsunagu-console` client.',
    type: 'string',
    default: 'http://localhost:8080/callback,http://localhost:5173/callback',
  },
  IDP_ACCESS_TOKEN_TTL: { description: 'Access token lifetime in seconds.', type: 'int', default: '3600', min: 60, max: 86400 },
  IDP_LOGIN_MAX_FAILURES: {
    description:
      'Wrong passwords one client address may send to the login form within IDP_LOGIN_FAILURE_WINDOW_SECONDS; further attempts get 429 with Retry-After. Successful logins never count.',
    type: 'int',
    default: '10',
    min: 1,
    max: 10000,
  },
  IDP_LOGIN_FAILURE_WINDOW_SECONDS: { description: 'Window of IDP_LOGIN_MAX_FAILURES in seconds.', type: 'int', default: '60', min: 1, max: 86400 },
});

export type IdpConfig = ConfigValues<typeof idpVariables>;
