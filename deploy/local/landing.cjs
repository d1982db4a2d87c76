// The page served at / until the console (apps/console) exists: links to every running service's
// Swagger UI, health and readiness, the idp's discovery document, and the demo logins.
'use strict';

const escape = (value) =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/**
 * services: [{ name, port? }] running services (port: the service's own port on 127.0.0.1, where its Swagger UI,
 * OpenAPI document and metrics are — never routed through the edge); idp: boolean; missing: [names] planned but
 * not in this checkout; users: [{ username, password?, roles?, description? }] demo logins (may be empty).
 */
function renderLanding({ services, idp, missing = [], users = [], usersText = '' }) {
  const rows = services
    .map(({ name, port }) => {
      const direct = port ? `http://127.0.0.1:${Number(port)}` : undefined;
      return `<tr><th>${escape(name)}</th>
        <td><a href="/api/${escape(name)}/healthz">healthz</a></td>
        <td><a href="/api/${escape(name)}/readyz">readyz</a></td>
        ${
          direct
            ? `<td><a href="${direct}/docs">Swagger UI</a></td>
        <td><a href="${direct}/openapi.json">openapi.json</a></td>
        <td><a href="${direct}/metrics">metrics</a></td>`
            : ''
        }</tr>`;
    })
    .join('\n');
  const userRows = users
    .map(
      (user) =>
        `<tr><td><code>${escape(user.username)}</code></td><td><code>${escape(user.password ?? '')}</code></td><td>${escape(
          [].concat(user.roles ?? []).join(', '),
        )}</td><td>${escape(user.description ?? user.name ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>つなぐ Tsunagu — local stack</title>
<style>
  body { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
  h1 { font-weight: 600; } h1 small { font-weight: 400; color: #666; font-size: 0.6em; }
  table { border-collapse: collapse; margin: 1rem 0; } th, td { text-align: left; padding: 0.3rem 0.8rem; border-bottom: 1px solid #ddd; }
  .note { color: #666; } code { background: #f4f4f4; padding: 0 0.2rem; }
</style>
</head>
<body>
<h1>つなぐ Tsunagu <small>ローカル環境 / local stack</small></h1>
<p>重層的支援体制整備事業を支えるプラットフォームのローカル環境です。コンソール（apps/console）はまだありません。各サービスの API は下のリンクから確認できます。<br>
<span class="note">This is the local stack of Tsunagu. The staff console (apps/console) is not built yet; each service's API is linked below.
Paths are the same as behind the Kubernetes ingress.</span></p>
<p class="note">Swagger UI・openapi.json・metrics はサービス内部のエンドポイントです。エッジ（:8080）や Ingress では公開せず、このマシンの各サービスのポート（127.0.0.1）で開きます。<br>
Swagger UI, openapi.json and metrics are internal endpoints: never routed through the edge or the Ingress; open them on each service's own port on 127.0.0.1.</p>

<h2>サービス / Services</h2>
<table>
${rows || '<tr><td>起動中のサービスはありません / no services running</td></tr>'}
</table>
${missing.length ? `<p class="note">予定 / planned, not in this checkout yet: ${missing.map(escape).join(', ')}</p>` : ''}

<h2>認証 / Identity provider</h2>
${
  idp
    ? `<p><a href="/idp/.well-known/openid-configuration">/idp/.well-known/openid-configuration</a> — 開発用 OpenID Connect プロバイダ / local OpenID Connect provider (never deployed).</p>
<p>API を試すには / To call an API: <code>npm run token -- caseworker</code>, then Swagger UI → Authorize → paste the token.</p>`
    : '<p class="note">apps/idp is not in this checkout; APIs that need a token cannot be called.</p>'
}
${
  userRows
    ? `<h3>デモ用ログイン / Demo logins</h3>
<table><tr><th>user</th><th>password</th><th>roles</th><th></th></tr>
${userRows}
</table>`
    : usersText
      ? `<h3>デモ用ログイン / Demo logins</h3>\n<pre>${escape(usersText.trimEnd())}</pre>`
      : ''
}
</body>
</html>
`;
}

module.exports = { renderLanding };
