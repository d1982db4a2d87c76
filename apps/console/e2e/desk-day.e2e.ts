import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './browser';
import { containsText, disappears, hasCount, hasValue, shows } from './expect';
import { ConsoleSession } from './pages';
import { expectAccessible, useConsoleStack } from './setup';

/**
 * The desk's day (issue 15) in Debian's Chromium against the real stack: a referral whose consultation says 同意あり but
 * has no consent record stays on its form, says what is missing and records it there; the agency referred to sees whom
 * it is asked to accept and has the request in its inbox; no English server text, no /console-config.json 404, no
 * `personId=undefined` request.
 */
const e2e = useConsoleStack(['idp', 'registry', 'intake', 'console'], 'desk-day e2e', 'desk-day-');

const CENTRE = '高松市地域包括支援センター';

/** A person registered at the city desk, with a consultation that says 同意あり (consentStatus given) and no consent record. */
async function personWithConsultation(session: ConsoleSession, givenName: string, phone: string): Promise<{ personId: string; consultationId: string }> {
  const person = await session.api('POST', '/api/intake/persons', {
    familyName: '檀紙',
    givenName,
    familyNameKana: 'ダンシ',
    givenNameKana: 'イーツーイー',
    phones: [{ type: 'mobile', number: phone }],
    confirmNotDuplicate: true,
  });
  expect(person.status).toBe(201);
  const personId = (person.body as { id: string }).id;
  const consultation = await session.api('POST', '/api/intake/consultations', {
    personId,
    route: 'phone',
    consultantRelation: 'self',
    categories: ['income'],
    primaryCategory: 'income',
    urgency: 'medium',
    consentStatus: 'given',
    jigyoAttribution: 'tsunagaru-desk',
    mainComplaint: `生活費の相談（e2e ${givenName}）`,
  });
  expect(consultation.status).toBe(201);
  return { personId, consultationId: (consultation.body as { id: string }).id };
}

async function centreId(session: ConsoleSession): Promise<string> {
  const found = await session.api('GET', `/api/registry/organizations?q=${encodeURIComponent('地域包括')}&perPage=100`);
  const centre = (found.body as { items: Array<{ id: string; name: string }> }).items.find((organization) => organization.name === CENTRE);
  expect(centre).toBeDefined();
  return centre?.id ?? '';
}

/** Every request URL of the session from now on (to find `undefined` sent as an id). */
function recordRequests(session: ConsoleSession): string[] {
  const urls: string[] = [];
  session.page.on('request', (request) => urls.push(request.url()));
  return urls;
}

describe('the desk refers a person whose consent is not recorded yet (issue 15, item 1)', () => {
  let desk: ConsoleSession;
  let referralId = '';
  let withheldReferralId = '';
  let personId = '';
  const requestNote = '家計の立て直しについて相談にのってください（e2e 同意なし）';

  beforeAll(async () => {
    desk = await e2e.login('caseworker');
  });
  afterAll(async () => desk?.close());

  it('stays on the form, says in Japanese what is missing, records the consent there and the retry succeeds', async () => {
    const { page } = desk;
    const requests = recordRequests(desk);
    const created = await personWithConsultation(desk, '一歩', '090-1111-2222');
    personId = created.personId;
    await desk.open(`/consultations/${created.consultationId}/show`);
    await page.getByRole('link', { name: 'つなぐ（紹介する）' }).click();
    await page.getByRole('combobox', { name: /^紹介先/ }).fill('地域包括');
    await page.getByRole('option', { name: CENTRE }).click();
    await page.getByRole('textbox', { name: '依頼内容' }).fill(requestNote);
    await page.getByRole('button', { name: '保存' }).click();

    // What is missing, where the user is: not the access-denied page, no English, no "missing id".
    const missing = page.getByTestId('missing-consent');
    await shows(missing);
    await containsText(missing, /紹介先に情報を渡せる本人同意の記録がありません/);
    await containsText(missing, /特定機関への提供/);
    await shows(page.getByText('本人同意の記録がないため保存できませんでした。入力した内容はそのまま残っています。'));
    expect(page.url()).toMatch(/#\/referrals\/create/);
    await hasCount(page.getByText('この画面を使う権限がありません'), 0);
    await hasCount(page.getByText(/Invalid dataProvider response|No consent|missing id/), 0);
    await hasValue(page.getByRole('textbox', { name: '依頼内容' }), requestNote);
    await hasValue(page.getByRole('combobox', { name: /^紹介先/ }), CENTRE);
    await disappears(page.getByText('本人同意の記録がないため保存できませんでした。入力した内容はそのまま残っています。'));
    await expectAccessible(desk, 'd01-referral-missing-consent');

    // Record the consent without leaving the form.
    await missing.getByRole('button', { name: '紹介先への提供について同意を記録する' }).click();
    const dialog = page.getByRole('dialog', { name: '本人同意を記録する（紹介先への提供）' });
    await shows(dialog);
    await shows(dialog.getByRole('radio', { name: '特定機関への提供（この紹介先だけ）' }));
    expect(await dialog.getByRole('radio', { name: '特定機関への提供（この紹介先だけ）' }).isChecked()).toBe(true);
    await expectAccessible(desk, 'd02-referral-consent-dialog');
    await dialog.getByRole('button', { name: '同意を記録する', exact: true }).click();
    await shows(page.getByText('同意を記録しました。「保存」を押すと紹介できます。'));
    await disappears(dialog);
    await hasCount(page.getByTestId('missing-consent'), 0);
    const consents = (await desk.api('GET', `/api/intake/consents?personId=${personId}`)).body as { items: Array<{ scope: string; status: string; targetOrganizationIds: string[] }> };
    expect(consents.items).toEqual([expect.objectContaining({ scope: 'named-organization', status: 'obtained' })]);

    // The input is still there: saving again sends the referral.
    await hasValue(page.getByRole('textbox', { name: '依頼内容' }), requestNote);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/referrals\/[^/]+\/show/);
    referralId = /\/referrals\/([^/]+)\/show/.exec(page.url())?.[1] ?? '';
    expect(referralId).not.toBe('');
    await shows(page.getByText(requestNote));
    const person = page.getByTestId('referral-person');
    await containsText(person, /檀紙 一歩/);
    await containsText(person, /090-1111-2222/);
    await disappears(page.getByText(/^(要素を作成しました|作成しました|Element created)/));
    await expectAccessible(desk, 'd03-referral-sent-desk');
    expect(requests.filter((url) => /=undefined|\/undefined(\/|\?|$)/.test(url))).toEqual([]);
  });

  it('prepares a second referral whose consent is then withdrawn (the centre may no longer read the person)', async () => {
    const created = await personWithConsultation(desk, '二歩', '090-3333-4444');
    const centre = await centreId(desk);
    const consent = await desk.api('POST', '/api/intake/consents', { personId: created.personId, scope: 'named-organization', targetOrganizationIds: [centre], method: 'signature', status: 'obtained' });
    expect(consent.status).toBe(201);
    const referral = await desk.api('POST', '/api/intake/referrals', { consultationId: created.consultationId, toOrganizationId: centre, infoBasis: 'consent', requestNote: '同意撤回後の表示確認（e2e）' });
    expect(referral.status).toBe(201);
    withheldReferralId = (referral.body as { id: string }).id;
    const withdrawn = await desk.api('POST', `/api/intake/consents/${(consent.body as { id: string }).id}/withdraw`, { reason: '本人の申出（e2e）' });
    expect(withdrawn.status).toBeLessThan(300);
    expect((withdrawn.body as { status: string }).status).toBe('withdrawn');
  });

  describe('the centre referred to (agency user)', () => {
    let agency: ConsoleSession;

    beforeAll(async () => {
      agency = await e2e.login('agency');
    });
    afterAll(async () => agency?.close());

    it('has the request in 「受け付けた依頼（回答待ち）」 on its dashboard, linking to it', async () => {
      const { page } = agency;
      const inbox = page.locator('[data-work="incoming_referrals"]');
      await shows(inbox);
      await containsText(inbox.getByRole('heading'), /受け付けた依頼（回答待ち）（[1-9]\d*件）/);
      const listed = (await agency.api('GET', '/api/intake/referrals?incoming=true&status=requested&perPage=100')).body as { items: Array<{ id: string; toOrganizationId: string }>; total: number };
      expect(listed.items.map((item) => item.id)).toContain(referralId);
      expect(new Set(listed.items.map((item) => item.toOrganizationId)).size).toBe(1);
      await containsText(inbox.getByRole('heading'), new RegExp(`（${listed.total}件）`));
      await shows(inbox.getByRole('listitem'));
      await expectAccessible(agency, 'd04-agency-dashboard-inbox');
      if (listed.total <= 5) {
        await inbox.locator(`a[href*="${referralId}"]`).click();
      } else {
        // Older requests come first: the full list holds this one.
        await inbox.getByRole('link', { name: /すべて見る/ }).click();
        await page.waitForURL(/#\/referrals\?filter=/);
        await agency.open(`/referrals/${referralId}/show`);
      }
      await page.waitForURL(new RegExp(`#/referrals/${referralId}/show`));
    });

    it('sees whom it is asked to accept: name and contact under the consent', async () => {
      const { page } = agency;
      await agency.open(`/referrals/${referralId}/show`);
      const person = page.getByTestId('referral-person');
      await shows(person);
      await shows(person.getByRole('heading', { name: '紹介された本人' }));
      await containsText(person, /檀紙 一歩/);
      await containsText(person, /ダンシ イーツーイー/);
      await containsText(person, /090-1111-2222/);
      await shows(page.getByText(requestNote));
      await shows(page.getByRole('button', { name: '受理する' }));
      await expectAccessible(agency, 'd05-referral-received-agency');
    });

    it('shows a withheld person as 「非表示（理由）」, not blank, once the consent is withdrawn', async () => {
      const { page } = agency;
      const requests = recordRequests(agency);
      await agency.open(`/referrals/${withheldReferralId}/show`);
      const person = page.getByTestId('referral-person');
      await shows(person);
      await containsText(person, /非表示（同意の範囲・法的根拠により紹介先には開示されません）/);
      await hasCount(person.getByText(/檀紙 二歩/), 0);
      await hasCount(person.getByText(/090-3333-4444/), 0);
      await expectAccessible(agency, 'd06-referral-person-withheld');
      expect(requests.filter((url) => /=undefined|\/undefined(\/|\?|$)/.test(url))).toEqual([]);
    });
  });
});

describe('leftovers (issue 15, item 3 of the desk day)', () => {
  it('serves /console-config.json on the local stack: no 404 when the console starts', async () => {
    const session = await e2e.login('caseworker');
    try {
      const { page } = session;
      const answers: Array<{ url: string; status: number }> = [];
      page.on('response', (response) => answers.push({ url: response.url(), status: response.status() }));
      await page.reload();
      await page.getByRole('heading', { name: /ようこそ/ }).waitFor({ timeout: 30_000 });
      const config = answers.find((answer) => new URL(answer.url).pathname === '/console-config.json');
      expect(config?.status).toBe(200);
      const body = await page.evaluate(async () => (await fetch('/console-config.json')).json());
      expect(body).toEqual({ oidcAuthority: `${new URL(page.url()).origin}/idp`, oidcClientId: 'tsunagu-console' });
      // Nothing the console itself loads is missing (the API answers of services this stack leaves out are not its files).
      expect(answers.filter((answer) => answer.status >= 400 && !new URL(answer.url).pathname.startsWith('/api/'))).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('explains a refused screen in Japanese and sends no request with an undefined id afterwards', async () => {
    const session = await e2e.login('analyst');
    try {
      const { page } = session;
      const requests = recordRequests(session);
      const person = ((await session.api('GET', '/api/intake/persons?perPage=1')).body ?? {}) as { items?: Array<{ id: string }> };
      await session.open(`/persons/${person.items?.[0]?.id ?? '0190aaaa-0000-7000-8000-000000000001'}/show`);
      await shows(page.getByRole('heading', { name: 'この画面を使う権限がありません' }));
      await hasCount(page.getByText(/This action requires|No consent|Not permitted/), 0);
      await expectAccessible(session, 'd07-access-denied');
      await page.getByRole('link', { name: 'ホームへ戻る' }).click();
      await page.getByRole('heading', { name: /ようこそ/ }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(requests.filter((url) => /=undefined|\/undefined(\/|\?|$)/.test(url))).toEqual([]);
      await screenshot(page, 'd08-after-access-denied');
    } finally {
      await session.close();
    }
  });
});
