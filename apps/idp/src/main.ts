import { loadConfig } from '@tsunagu/platform-config';
import { idpVariables } from './config';
import { describeDemoIdentities } from './demo-identities';
import { defaultDataDir, loadOrCreateSecrets } from './keys';
import { LoginThrottle } from './login-throttle';
import { createProvider } from './provider';
import { createIdpServer } from './server';
import { issueDevToken } from './token-command';

/**
 * Local OpenID Connect provider for `npm start` and tests — never deployed (the Helm chart points
 * services at the city's IdP). `node main.js` serves it; `node main.js token <user>` prints a token.
 */
async function main(argv: string[]): Promise<void> {
  const config = loadConfig(idpVariables);
  if (config.NODE_ENV === 'production') throw new Error('The local IdP is for development and tests only; it refuses to run with NODE_ENV=production.');
  const dataDir = config.IDP_DATA_DIR ?? defaultDataDir();
  const secrets = await loadOrCreateSecrets(dataDir);

  if (argv[0] === 'token') {
    const name = argv[1];
    if (!name) throw new Error('usage: main.js token <demo-user | agency-client-id> [scope]');
    process.stdout.write(`${await issueDevToken(config, secrets, name, { scope: argv[2] })}\n`);
    return;
  }

  const provider = createProvider(config, secrets);
  const mountPath = new URL(config.IDP_ISSUER).pathname.replace(/\/$/, '');
  const throttle = new LoginThrottle({ maxFailures: config.IDP_LOGIN_MAX_FAILURES, windowMs: config.IDP_LOGIN_FAILURE_WINDOW_SECONDS * 1000 });
  const server = createIdpServer(provider, mountPath, throttle);
  await new Promise<void>((resolve) => server.listen(config.IDP_PORT, config.IDP_HOST, resolve));
  process.stdout.write(`Tsunagu local IdP (development only) — issuer ${config.IDP_ISSUER}, listening on ${config.IDP_HOST}:${config.IDP_PORT}\n`);
  process.stdout.write(`Keys: ${dataDir}/jwks.json\n${describeDemoIdentities()}\n`);
  // Development only: connections the edge's proxy pool keeps alive are cut rather than waited for (a login in flight
  // is simply repeated), so the local stack stops at once.
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`idp: ${(error as Error).message}\n`);
  process.exit(1);
});
