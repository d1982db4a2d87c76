import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { containsText, hasCount, hasValue, shows } from './expect';
import { describeViolations, launchChromium, screenshot, seriousA11yViolations } from './browser';
import { activePage, ConsoleSession } from './pages';
import { startStack, type RunningStack } from './stack';

/**
 * The console in Debian's Chromium against the real stack (PostgreSQL, NATS JetStream, idp, registry, edge,
 * built console): logins go through the idp's login page, data comes from the registry's demo data.
 */
const PREPARING = '四番丁ふれあいサロン（準備中）';

let stack: RunningStack;
let browser: Browser;
const started = Date.now();

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(['idp', 'registry', 'console']), launchChromium()]);
  expect(stack.consoleBuilt).toBe(true);
  console.log(`stack ready at ${stack.url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  console.log(`e2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && activePage && !activePage.isClosed()) {
    await screenshot(activePage, `failed-${context.task.name.replace(/[^\w-]+/g, '-').slice(0, 60)}`).catch(() => undefined);
  }
});

async function expectAccessible(session: ConsoleSession, screen: string) {
  await session.page.waitForLoadState('networkidle');
  await screenshot(session.page, screen);
  const violations = await seriousA11yViolations(session.page);
  expect(violations, `${screen}:\n${describeViolations(violations)}`).toEqual([]);
}

describe('coordinator (生活支援コーディネーター)', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await ConsoleSession.login(browser, stack.url, 'coordinator');
  });
  afterAll(async () => session?.close());

  it('lands on the dashboard in Japanese after the OIDC login', async () => {
    await shows(session.page.getByRole('heading', { name: 'ようこそ、庵治 陽子 さん' }));
    await expectAccessible(session, '01-dashboard');
  });

  it('lists community resources in Japanese with 和暦 dates, and 西暦 on the toggle', async () => {
    const { page } = session;
    await session.openFromMenu('地域資源');
    await shows(page.getByRole('columnheader', { name: '名称' }));
    await shows(page.getByRole('columnheader', { name: '種別' }));
    await shows(page.getByText('訪問型サービスB').first());
    await shows(page.getByText('令和4年9月30日').first());
    await expectAccessible(session, '02-community-resources');
    await page.getByRole('button', { name: '西暦' }).click();
    await shows(page.getByText('2022年9月30日').first());
    await page.getByRole('button', { name: '和暦' }).click();
    await shows(page.getByText('令和4年9月30日').first());
  });

  it('filters by half-width kana and by status', async () => {
    const { page } = session;
    await session.open('/community-resources');
    await page.getByRole('textbox', { name: /キーワード/ }).fill('ﾖﾊﾞﾝﾁｮｳ');
    await shows(page.getByRole('cell', { name: PREPARING }));
    await hasCount(page.locator('tbody tr'), 1);
    await page.getByRole('textbox', { name: /キーワード/ }).fill('');
    await page.getByRole('combobox', { name: '状態' }).click();
    await page.getByRole('option', { name: '準備中' }).click();
    await shows(page.getByRole('cell', { name: PREPARING }));
    await hasCount(page.locator('tbody tr'), 1);
  });

  it('opens a resource and publishes, suspends and resumes it with the lifecycle buttons', async () => {
    const { page } = session;
    await session.openListFiltered('/community-resources', { q: 'よばんちょう' });
    await page.getByRole('cell', { name: PREPARING }).click();
    await shows(page.getByText('準備中', { exact: true }));
    await expectAccessible(session, '03-community-resource-show');
    await page.getByRole('button', { name: '公開（実施中にする）' }).click();
    await shows(page.getByText('実施中にしました'));
    await shows(page.getByText('実施中', { exact: true }));
    await page.getByRole('button', { name: '休止する' }).click();
    await shows(page.getByText('休止', { exact: true }));
    await shows(page.getByRole('button', { name: '再開する' }));
    await hasCount(page.getByRole('button', { name: '公開（実施中にする）' }), 0);
    await page.getByRole('button', { name: '再開する' }).click();
    await shows(page.getByText('実施中', { exact: true }));
  });

  it('shows the conflict message on a stale edit and keeps what the user typed', async () => {
    const { page } = session;
    await page.getByRole('link', { name: '編集' }).click();
    const fee = page.getByRole('textbox', { name: '費用' });
    await fee.waitFor();
    await expectAccessible(session, '04-community-resource-edit');
    // Meanwhile someone else changes the record (same API, the version the form was loaded with is now stale).
    const id = page.url().split('/community-resources/')[1].split('/')[0];
    const current = await session.api('GET', `/api/registry/community-resources/${id}`);
    const version = (current.body as { version: number }).version;
    const other = await session.api('PATCH', `/api/registry/community-resources/${id}`, { description: '別の職員が更新しました' }, { 'if-match': `"${version}"` });
    expect(other.status).toBe(200);

    await fee.fill('1回 300円（テスト入力）');
    await page.getByRole('button', { name: '保存' }).click();
    await shows(page.getByText(/他の人が更新しています/));
    await hasValue(fee, '1回 300円（テスト入力）');
    await screenshot(page, '05-conflict');
  });

  it('shows server validation errors on the right input', async () => {
    const { page } = session;
    await session.openListFiltered('/community-resources', { q: 'よばんちょう' });
    await page.getByRole('cell', { name: PREPARING }).click();
    await page.getByRole('link', { name: '編集' }).click();
    const email = page.getByRole('textbox', { name: 'メールアドレス' });
    await email.fill('not-an-email');
    await page.getByRole('button', { name: '保存' }).click();
    await shows(page.getByText(/入力内容に誤りがあります/));
    const describedBy = await email.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    await containsText(page.locator(`[id="${describedBy}"]`), /email/i);
  });
});

describe('users without the role', () => {
  it('caseworker: no audit menu entry, and the 403 explanation on the direct URL', async () => {
    const session = await ConsoleSession.login(browser, stack.url, 'caseworker');
    try {
      const { page } = session;
      await shows(page.getByRole('menuitem', { name: '地域資源' }));
      await hasCount(page.getByRole('menuitem', { name: '監査ログ' }), 0);
      await session.open('/audit-records');
      await shows(page.getByRole('heading', { name: 'この画面を使う権限がありません' }));
      await shows(page.getByText('開こうとした画面: 監査ログ'));
      await shows(page.getByText('この操作に必要なロール: 監査担当、システム管理者'));
      await shows(page.getByText('あなたのロール: 相談支援員'));
      await expectAccessible(session, '06-access-denied');
    } finally {
      await session.close();
    }
  });

  it('analyst: reads the registry without edit or lifecycle buttons, and is refused the create form', async () => {
    const session = await ConsoleSession.login(browser, stack.url, 'analyst');
    try {
      const { page } = session;
      await session.openFromMenu('地域資源');
      await shows(page.getByText('訪問型サービスB').first());
      await hasCount(page.getByRole('link', { name: '作成' }), 0);
      await session.openListFiltered('/community-resources', { q: 'ﾖﾊﾞﾝﾁｮｳ' });
      await page.getByRole('cell', { name: PREPARING }).click();
      await shows(page.getByText('自主', { exact: true }));
      await hasCount(page.getByRole('link', { name: '編集' }), 0);
      await hasCount(page.getByRole('button', { name: '休止する' }), 0);
      await session.open('/community-resources/create');
      await shows(page.getByRole('heading', { name: 'この画面を使う権限がありません' }));
      await shows(page.getByText('この操作に必要なロール: システム管理者、生活支援コーディネーター'));
    } finally {
      await session.close();
    }
  });

  it('auditor: sees the audit trail (with the coordinator writes) but not the registry', async () => {
    const session = await ConsoleSession.login(browser, stack.url, 'auditor');
    try {
      const { page } = session;
      await hasCount(page.getByRole('menuitem', { name: '地域資源' }), 0);
      await session.openFromMenu('監査ログ');
      await shows(page.getByRole('cell', { name: 'coordinator' }).first());
      await expectAccessible(session, '07-audit-records');
    } finally {
      await session.close();
    }
  });
});

describe('language', () => {
  it('switches to English and back', async () => {
    const session = await ConsoleSession.login(browser, stack.url, 'supervisor');
    try {
      const { page } = session;
      await session.open('/community-resources');
      await page.getByRole('button', { name: '日本語' }).click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await shows(page.getByRole('columnheader', { name: 'Name' }));
      await shows(page.getByRole('menuitem', { name: 'Community resources' }));
      await screenshot(page, '08-english');
    } finally {
      await session.close();
    }
  });
});
