const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/**
 * The style of every page the local IdP serves (sign-in, sign-out, errors): system fonts only, nothing fetched from
 * another origin — a closed municipal network (LGWAN) cannot reach font CDNs, and the pages must not try.
 */
const PAGE_STYLE = `  body { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; background: #f4f6f8; margin: 0; }
  main { max-width: 24rem; margin: 10vh auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; margin-top: .3rem; border: 1px solid #767676; border-radius: 4px; }
  input:focus { outline: 3px solid #1a73e8; outline-offset: 1px; }
  button { margin-top: 1.5rem; width: 100%; padding: .7rem; font-size: 1rem; background: #005fb8; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  .error { color: #b00020; background: #fdecea; padding: .6rem; border-radius: 4px; }
  .note { color: #555; font-size: .85rem; margin-top: 1.5rem; }
  button.secondary { background: #fff; color: #005fb8; border: 1px solid #005fb8; }
`;

/** The sign-in form of the local IdP: plain HTML, labelled inputs, errors announced to screen readers. */
export function loginPage({ action, username = '', error }: { action: string; username?: string; error?: string }): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ログイン — つなぐ（開発用認証）</title>
<style>
${PAGE_STYLE}</style>
</head>
<body>
<main>
  <h1>つなぐ にログイン</h1>
  ${error ? `<p class="error" role="alert" id="login-error">${escapeHtml(error)}</p>` : ''}
  <form method="post" action="${escapeHtml(action)}" autocomplete="off">
    <label for="username">ユーザー名</label>
    <input id="username" name="username" type="text" required autofocus value="${escapeHtml(username)}"${error ? ' aria-describedby="login-error" aria-invalid="true"' : ''}>
    <label for="password">パスワード</label>
    <input id="password" name="password" type="password" required${error ? ' aria-describedby="login-error" aria-invalid="true"' : ''}>
    <button type="submit">ログイン</button>
  </form>
  <p class="note">開発・デモ専用の認証画面です。本番環境では自治体の認証基盤を利用します。</p>
</main>
</body>
</html>`;
}


/**
 * The sign-out confirmation (oidc-provider's rpInitiatedLogout.logoutSource): `form` is the provider's hidden form
 * `op.logoutForm`; the buttons submit it (logout=yes signs out everywhere, without it only the client's session ends).
 */
export function logoutPage(form: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ログアウト — つなぐ（開発用認証）</title>
<style>
${PAGE_STYLE}</style>
</head>
<body>
<main>
  <h1>つなぐ からログアウトしますか？</h1>
  ${form}
  <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">ログアウトする</button>
  <button class="secondary" type="submit" form="op.logoutForm">ログインしたままにする</button>
</main>
</body>
</html>`;
}

/** Shown after a sign-out without a redirect back to the console (rpInitiatedLogout.postLogoutSuccessSource). */
export function loggedOutPage(): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ログアウトしました — つなぐ（開発用認証）</title>
<style>
${PAGE_STYLE}</style>
</head>
<body>
<main>
  <h1>ログアウトしました</h1>
  <p>画面を閉じるか、コンソールからもう一度ログインしてください。</p>
</main>
</body>
</html>`;
}
