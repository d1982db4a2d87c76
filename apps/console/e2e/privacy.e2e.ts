import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disappears, shows } from './expect';
import { ConsoleSession } from './pages';
import { expectAccessible, useConsoleStack } from './setup';

/**
 * 開示・訂正・利用停止請求 and 保存期間・廃棄 screens (issue 19) in Chromium against the real stack: a city supervisor
 * records and decides a 開示請求 and sees the pack's downloads, places and releases a legal hold, and opens the
 * destruction batches; a caseworker does not see these screens. Outreach and matching run: the pack asks them.
 */
const e2e = useConsoleStack(['idp', 'registry', 'intake', 'outreach', 'matching', 'console'], 'privacy', 'p-');

async function demoPersonId(session: ConsoleSession): Promise<string> {
  const found = (await session.api('GET', '/api/intake/persons?perPage=1')).body as { items: Array<{ id: string }> };
  expect(found.items.length).toBe(1);
  return found.items[0].id;
}

describe('city supervisor (個人情報保護・文書管理)', () => {
  let session: ConsoleSession;
  let personId: string;

  beforeAll(async () => {
    session = await e2e.login('supervisor');
    personId = await demoPersonId(session);
  });
  afterAll(async () => session?.close());

  it('finds the request, destruction and legal-hold screens in the menu', async () => {
    const entries = await session.menuEntries();
    for (const label of ['開示・訂正・利用停止請求', '廃棄予定一覧', 'アウトリーチ対象の廃棄予定', 'リーガルホールド']) expect(entries).toContain(label);
  });

  it('records a 開示請求, decides it and offers the pack as PDF and JSON', async () => {
    const { page } = session;
    const created = await session.api('POST', '/api/intake/data-subject-requests', {
      kind: 'disclosure',
      personId,
      requesterRelation: 'self',
      identityVerification: 'driver-license',
      requestText: '相談記録の一切',
    });
    expect(created.status).toBe(201);
    const request = created.body as { id: string; requestNo: string };
    await session.openFromMenu('開示・訂正・利用停止請求');
    await shows(page.getByRole('cell', { name: request.requestNo }));
    await expectAccessible(session, 'p01-requests');
    await session.open(`/data-subject-requests/${request.id}/show`);
    await shows(page.getByText('受付', { exact: true }));
    await expectAccessible(session, 'p02-request-received');
    await page.getByRole('button', { name: '決定を記録する' }).click();
    const dialog = page.getByRole('dialog', { name: '決定を記録する' });
    await shows(dialog);
    await dialog.getByRole('button', { name: '決定を記録する' }).click();
    await shows(page.getByText('決定を記録しました'));
    await disappears(dialog);
    await shows(page.getByText('全部開示・承認', { exact: true }));
    await shows(page.getByRole('button', { name: '開示資料（PDF）' }));
    await shows(page.getByRole('button', { name: '開示資料（JSON）' }));
    await disappears(page.getByText('決定を記録しました'));
    await expectAccessible(session, 'p03-request-decided');
    const pack = await session.api('GET', `/api/intake/data-subject-requests/${request.id}/pack.json`);
    expect(pack.status).toBe(200);
    expect((pack.body as { services: Array<{ service: string }> }).services.map((part) => part.service)).toEqual(['intake', 'outreach', 'matching']);
  });

  it('places a legal hold from the form and releases it from the list', async () => {
    const { page } = session;
    await session.open('/legal-holds/create');
    await page.getByRole('textbox', { name: '記録のID' }).fill(personId);
    await expectAccessible(session, 'p04-legal-hold-create');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/legal-holds(\?|$)/);
    await shows(page.getByRole('cell', { name: personId }));
    await expectAccessible(session, 'p05-legal-holds');
    await page.getByRole('button', { name: '解除する' }).first().click();
    await shows(page.getByText('リーガルホールドを解除しました'));
  });

  it('opens the destruction batches waiting for approval', async () => {
    const { page } = session;
    await session.openFromMenu('廃棄予定一覧');
    await page.waitForURL(/#\/destruction-batches/);
    await expectAccessible(session, 'p06-destruction-batches');
  });

  it('opens outreach’s batches of targets on the same screen', async () => {
    const { page } = session;
    await session.openFromMenu('アウトリーチ対象の廃棄予定');
    await page.waitForURL(/#\/outreach-destruction-batches/);
    expect((await session.api('GET', '/api/outreach/destruction-batches?status=pending-approval')).status).toBe(200);
    await expectAccessible(session, 'p06-outreach-destruction-batches');
  });
});

describe('caseworker', () => {
  it('does not see the privacy officer’s and records officer’s screens', async () => {
    const session = await e2e.login('caseworker');
    try {
      const entries = await session.menuEntries();
      for (const label of ['開示・訂正・利用停止請求', '廃棄予定一覧', 'アウトリーチ対象の廃棄予定', 'リーガルホールド']) expect(entries).not.toContain(label);
    } finally {
      await session.close();
    }
  });
});
