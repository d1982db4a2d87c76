import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useConsoleStack } from './setup';

/**
 * A closed municipal network (LGWAN 接続系) reaches nothing on the internet: the console and the sign-in pages must
 * load every script, style, font and image from their own origin (docs/operations/ja/closed-network.md).
 */
const e2e = useConsoleStack(['idp', 'registry', 'console'], 'closed-network e2e', 'closed-network-');
const DIST = fileURLToPath(new URL('../../../dist/apps/console', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('closed network (no resource from another origin)', () => {
  it('builds HTML and CSS that reference only relative or data: URLs, and JS that names no font or CDN host', () => {
    const built = files(DIST);
    expect(built.some((f) => f.endsWith('index.html'))).toBe(true);
    const problems: string[] = [];
    for (const file of built) {
      const text = readFileSync(file, 'utf8');
      const where = file.slice(DIST.length + 1);
      if (/\.html$/.test(file)) {
        for (const [, url] of text.matchAll(/\b(?:src|href|srcset)\s*=\s*["']([^"']+)["']/gi)) if (/^([a-z]+:)?\/\//i.test(url)) problems.push(`${where}: ${url}`);
      }
      if (/\.(html|css)$/.test(file)) {
        for (const [, url] of text.matchAll(/url\(\s*["']?([^"')]+)/gi)) if (/^([a-z]+:)?\/\//i.test(url)) problems.push(`${where}: url(${url})`);
        for (const [statement] of text.matchAll(/@import\s+(?:url\()?["']?(?:[a-z]+:)?\/\/[^;]+/gi)) problems.push(`${where}: ${statement}`);
      }
      if (/\.(js|mjs|css|html)$/.test(file)) {
        for (const [host] of text.matchAll(/\b(?:fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|use\.typekit\.net|ajax\.googleapis\.com)\b/g)) problems.push(`${where}: ${host}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('signs in, shows lists and signs out without one request to another origin', async () => {
    const origin = new URL(e2e.stack.url).origin;
    const context = await e2e.browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await page.getByRole('button', { name: 'ログイン画面へ進む' }).click();
      await page.waitForURL(/\/idp\//);
      await page.getByLabel('ユーザー名').fill('caseworker');
      await page.getByLabel('パスワード').fill('demo');
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByRole('heading', { name: /ようこそ/ }).waitFor({ timeout: 30_000 });
      for (const list of ['districts', 'organizations']) {
        await page.goto(`${origin}/#/${list}`);
        await page.waitForLoadState('networkidle');
      }
      // The idp's sign-out confirmation and signed-out pages (oidc-provider's defaults import a Google font).
      await page.goto(`${origin}/idp/session/end`);
      await page.getByRole('button', { name: 'ログアウトする' }).click();
      await page.getByRole('heading', { name: 'ログアウトしました' }).waitFor();
      await page.waitForLoadState('networkidle');
    } finally {
      await context.close();
    }
    expect(requests.length).toBeGreaterThan(5);
    const foreign = requests.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
    expect(foreign).toEqual([]);
  });
});
