import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import { DEMO_PASSWORD, findUser } from './demo-identities';
import { loginPage } from './login-page';
import { clientAddress, type LoginThrottle } from './login-throttle';

const MAX_FORM_BYTES = 4096;

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  response.end(body);
}

/**
 * The IdP's HTTP server: `<mount>/healthz`, the login/consent interaction (wrong passwords limited per client
 * address by `throttle`), and everything else under the issuer path handed to oidc-provider (which sees paths
 * without the mount prefix).
 */
export function createIdpServer(provider: Provider, mountPath: string, throttle: LoginThrottle): Server {
  const callback = provider.callback();
  const interaction = new RegExp(`^${mountPath}/interaction/([A-Za-z0-9_-]+)(/login)?$`);

  const handleInteraction = async (request: IncomingMessage, response: ServerResponse, uid: string, isLogin: boolean) => {
    const details = await provider.interactionDetails(request, response);
    if (details.uid !== uid) return send(response, 400, 'text/plain; charset=utf-8', 'interaction mismatch');
    const action = `${mountPath}/interaction/${uid}/login`;

    if (details.prompt.name === 'login') {
      if (!isLogin || request.method !== 'POST') return send(response, 200, 'text/html; charset=utf-8', loginPage({ action }));
      const client = clientAddress(request);
      const decision = throttle.check(client);
      if (!decision.allowed) {
        const minutes = Math.ceil(decision.retryAfterSeconds / 60);
        return send(
          response,
          429,
          'text/html; charset=utf-8',
          loginPage({ action, error: `ログインの失敗が続いたため、一時的にログインできません。約${minutes}分後にもう一度お試しください。` }),
          { 'retry-after': String(decision.retryAfterSeconds) },
        );
      }
      const form = await readForm(request);
      const username = form.get('username') ?? '';
      const user = findUser(username);
      if (!user || form.get('password') !== DEMO_PASSWORD) {
        throttle.recordFailure(client);
        return send(response, 401, 'text/html; charset=utf-8', loginPage({ action, username, error: 'ユーザー名またはパスワードが正しくありません。' }));
      }
      return provider.interactionFinished(request, response, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
    }

    if (details.prompt.name === 'consent') {
      // Every client of this IdP is first-party: consent is granted without asking.
      const accountId = details.session?.accountId;
      const clientId = details.params.client_id;
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId });
      if (!grant) return send(response, 400, 'text/plain; charset=utf-8', 'grant not found');
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      return provider.interactionFinished(request, response, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
    }
    return send(response, 400, 'text/plain; charset=utf-8', `unsupported prompt ${details.prompt.name}`);
  };

  return createServer((request, response) => {
    const url = request.url ?? '/';
    const path = url.split('?')[0];
    if (path === `${mountPath}/healthz`) return send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
    const match = interaction.exec(path);
    if (match) {
      handleInteraction(request, response, match[1], match[2] === '/login').catch((error: unknown) => {
        if (!response.headersSent) send(response, 400, 'text/plain; charset=utf-8', `ログイン手続きを続行できません: ${(error as Error).message}`);
      });
      return;
    }
    if (path === mountPath || path.startsWith(`${mountPath}/`)) {
      // oidc-provider derives its mount path from originalUrl minus url.
      (request as IncomingMessage & { originalUrl?: string }).originalUrl = url;
      request.url = url.slice(mountPath.length) || '/';
      return callback(request, response);
    }
    send(response, 404, 'text/plain; charset=utf-8', 'not found');
  });
}
