import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** The page of the most recent session, for a screenshot when a test fails. */
export let activePage: Page | undefined;

/** Page objects (STYLE practice 19): what a member of staff does, not CSS selectors, in the tests. */
export class ConsoleSession {
  /** Content-Security-Policy violations the browser reported in this session (the edge sends the console's CSP). */
  readonly cspViolations: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** A fresh browser profile (no cookies, no sessionStorage) signed in through the real idp login page. */
  static async login(browser: Browser, baseUrl: string, username: string, password = 'demo'): Promise<ConsoleSession> {
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1366, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    // Browser-side failures show up in the test output.
    page.on('pageerror', (error) => console.error(`[${username}] page error: ${error.message}`));
    page.on('response', (response) => response.status() >= 400 && console.error(`[${username}] ${response.status()} ${response.request().method()} ${response.url()}`));
    page.on('console', (message) => message.type() === 'error' && console.error(`[${username}] console: ${message.text().slice(0, 500)}`));
    const session = new ConsoleSession(context, page, baseUrl);
    page.on('console', (message) => /Content Security Policy/.test(message.text()) && session.cspViolations.push(message.text().slice(0, 300)));
    activePage = page;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('button', { name: 'ログイン画面へ進む' }).click();
    await page.waitForURL(/\/idp\//);
    await page.getByLabel('ユーザー名').fill(username);
    await page.getByLabel('パスワード').fill(password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    // The redirect back through the idp loads the whole console: allow for a busy shared CI machine.
    await page.waitForURL((url) => url.pathname === '/' && url.hash.startsWith('#/'), { timeout: 30_000 });
    await page.getByRole('heading', { name: /ようこそ/ }).waitFor({ timeout: 30_000 });
    return session;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  menu() {
    return this.page.getByRole('navigation').or(this.page.locator('.RaSidebar-fixed')).first();
  }

  async menuEntries(): Promise<string[]> {
    const items = this.page.locator('.RaMenu-open a, .RaMenu-closed a, [class*="RaMenu"] a');
    return (await items.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  }

  async open(hashPath: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/#${hashPath}`);
  }

  /** A list with filters in the URL, as react-admin writes them. */
  async openListFiltered(hashPath: string, filter: Record<string, unknown>): Promise<void> {
    await this.open(`${hashPath}?filter=${encodeURIComponent(JSON.stringify(filter))}`);
  }

  /**
   * Opens the first record of the list on screen. While the list loads, its rows are placeholders that a click
   * does nothing on: click until the record's page opens.
   */
  async openFirstRow(resource: string): Promise<void> {
    await this.clickUntilAt(this.page.locator('tbody tr').first(), new RegExp(`#/${resource}/[^/?]+(/show)?$`));
  }

  /**
   * Clicks until the page is at `url`. A click while the page is still rendering what it loaded (a list's placeholder
   * rows, a record page's toolbar drawn again once the permissions arrive) can land on an element being replaced and
   * do nothing; a person clicks again, and so does this, up to five times.
   */
  async clickUntilAt(target: Locator, url: RegExp): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      await target.click();
      try {
        await this.page.waitForURL(url, { timeout: 3_000 });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
      }
    }
  }

  async openFromMenu(label: string): Promise<void> {
    await this.page.getByRole('menuitem', { name: label }).click();
  }

  /** Reads the API with the signed-in user's token (as another tab of the same user would). */
  async api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    return this.page.evaluate(
      async ({ method, path, body, headers }) => {
        const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:'));
        const token = key ? (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { access_token?: string }).access_token : undefined;
        const response = await fetch(path, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : undefined };
      },
      { method, path, body, headers },
    );
  }
}
