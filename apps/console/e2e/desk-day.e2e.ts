import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './browser';
import { containsText, disappears, hasCount, hasValue, shows } from './expect';
import { ConsoleSession } from './pages';
import { expectAccessible, useConsoleStack } from './setup';

/**
 * The desk's day (issue 15) in Debian's Chromium against the real stack: a referral whose consultation says 同意あり but
 * has no consent record stays on its form, says what is missing and records it there; the agency referred to sees whom
 * it is asked to accept and has the request in its inbox; no English server text, no /console-config.json 404, no
 * `personId=undefined` request. Dead ends (item 8): a district lists its resources, the resource list filters by district,
 * and lists of needs, matches, targets and 私の業務 name the person (one `?ids=` request a page). Leftovers (item 10):
 * matches on the timeline, a menu's status from its edit form, a case's opening date.
 */
const e2e = useConsoleStack(['idp', 'registry', 'intake', 'outreach', 'matching', 'console'], 'desk-day e2e', 'desk-day-');

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
      // The city desk (CITY_DESK_ORGANIZATION_ID of the local stack): where city staff's new records start.
      expect(body).toEqual({ oidcAuthority: `${new URL(page.url()).origin}/idp`, oidcClientId: 'tsunagu-console', cityDeskOrganizationId: '01900000-0000-7000-8000-000000000001' });
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

/** A person registered through intake's API by this session's desk. */
async function registeredPerson(session: ConsoleSession, familyName: string, givenName: string): Promise<string> {
  const created = await session.api('POST', '/api/intake/persons', { familyName, givenName, familyNameKana: 'イキドマリ', givenNameKana: 'テスト', confirmNotDuplicate: true });
  expect(created.status).toBe(201);
  return (created.body as { id: string }).id;
}

/** The URLs of person reads: the batched list (`?ids=`) and any single GET (which the lists must not send). */
function personReads(urls: string[]): { batched: string[]; single: string[] } {
  const paths = urls.map((url) => new URL(url)).filter((url) => url.pathname.startsWith('/api/intake/persons'));
  return {
    batched: paths.filter((url) => url.pathname === '/api/intake/persons' && url.searchParams.has('ids')).map((url) => url.href),
    single: paths.filter((url) => /^\/api\/intake\/persons\/[0-9a-f-]{36}$/.test(url.pathname)).map((url) => url.href),
  };
}

describe('dead ends (issue 15, item 8): districts, resources and lists that name the person', () => {
  let supervisor: ConsoleSession;
  let personId = '';
  let needId = '';
  const family = '行止';
  const given = `八歩${Date.now() % 10_000}`;
  const place = `行き止まりの確認 e2e ${Date.now() % 100_000}`;

  beforeAll(async () => {
    supervisor = await e2e.login('supervisor');
    personId = await registeredPerson(supervisor, family, given);
  });
  afterAll(async () => supervisor?.close());

  it('shows a district\'s community resources on its page, and the resource list filters by district', async () => {
    const { page } = supervisor;
    const resources = (await supervisor.api('GET', '/api/registry/community-resources?perPage=100')).body as { items: Array<{ id: string; name: string; districtIds: string[] }> };
    const resource = resources.items.find((item) => item.districtIds.length > 0);
    expect(resource).toBeDefined();
    const districtId = resource?.districtIds[0] ?? '';
    const district = (await supervisor.api('GET', `/api/registry/districts/${districtId}`)).body as { shortName: string };
    await supervisor.open(`/districts/${districtId}/show`);
    const section = page.getByTestId('district-resources');
    await shows(section.getByRole('heading', { name: 'この地区の地域資源' }));
    const inDistrict = (await supervisor.api('GET', `/api/registry/community-resources?district=${districtId}&perPage=25&sort=kana`)).body as { items: Array<{ name: string }>; total: number };
    expect(inDistrict.total).toBeGreaterThan(0);
    await shows(section.getByRole('cell', { name: inDistrict.items[0].name, exact: true }));
    await expectAccessible(supervisor, 'd09-district-resources');

    // 「地域資源の一覧で見る」: the list with this district's filter set, the filter shown (not hidden behind 「フィルタを追加」).
    await section.getByRole('link', { name: '地域資源の一覧で見る（この地区）' }).click();
    await page.waitForURL(/#\/community-resources\?filter=/);
    await hasValue(page.getByRole('combobox', { name: '地区' }), district.shortName);
    await shows(page.getByRole('cell', { name: inDistrict.items[0].name, exact: true }));
    await expectAccessible(supervisor, 'd10-resources-by-district');

    // Chosen in the list itself (from an empty filter: the list otherwise remembers the last one).
    await supervisor.openListFiltered('/community-resources', {});
    const filter = page.getByRole('combobox', { name: '地区' });
    await hasValue(filter, '');
    await filter.click();
    await filter.fill(district.shortName);
    await page.getByRole('option', { name: district.shortName, exact: true }).click();
    await page.waitForURL((url) => decodeURIComponent(url.href).includes(`"district":"${districtId}"`));
    await shows(page.getByRole('cell', { name: inDistrict.items[0].name, exact: true }));
  });

  it('names the person on needs, the match board and 定着支援 lists, with one batched person request a page', async () => {
    const { page } = supervisor;
    const created = await supervisor.api('POST', '/api/matching/needs', { personId, purposes: ['role-volunteer', 'ibasho', 'hobby-social'], travelRange: 'citywide' });
    expect(created.status).toBe(201);
    const need = created.body as { id: string; version: number };
    needId = need.id;
    expect((await supervisor.api('POST', `/api/matching/needs/${need.id}/status`, { status: 'matching', version: need.version })).status).toBe(200);

    const requests = recordRequests(supervisor);
    await supervisor.open('/participation-needs');
    const row = page.locator('tbody tr').filter({ hasText: `${family} ${given}` });
    await shows(row);
    await shows(page.getByRole('columnheader', { name: '本人' }));
    const reads = personReads(requests);
    expect(reads.single).toEqual([]);
    expect(reads.batched.length).toBeGreaterThan(0);
    await expectAccessible(supervisor, 'd11-needs-named');

    // Propose a menu, then the board names the person on the card.
    await supervisor.open(`/participation-needs/${needId}/show`);
    const propose = page.getByRole('button', { name: /^提案する: / });
    await shows(propose.first());
    await propose.first().click();
    await shows(page.getByText('提案しました'));
    await supervisor.open('/participation-matches');
    await shows(page.locator('[data-column]').getByTestId('match-person').filter({ hasText: `${family} ${given}` }));
    expect(personReads(requests).single).toEqual([]);
    await expectAccessible(supervisor, 'd12-match-board-named');
  });

  it('names the person on outreach targets, 「場所のみ」 for a place, and 「—（表示できません）」 to a desk that may not see them', async () => {
    const { page } = supervisor;
    const centre = await centreId(supervisor);
    const target = { discoveryRoute: 'resident', riskLevel: 'medium', assignedOrganizationId: centre };
    expect((await supervisor.api('POST', '/api/outreach/targets', { ...target, personId, locationDescription: `${place}（本人）` })).status).toBe(201);
    expect((await supervisor.api('POST', '/api/outreach/targets', { ...target, locationDescription: `${place}（場所）` })).status).toBe(201);
    await supervisor.openListFiltered('/outreach-targets', { q: place });
    await hasCount(page.locator('tbody tr'), 2);
    await shows(page.locator('tbody tr').filter({ hasText: '（本人）' }).getByText(`${family} ${given}`));
    await shows(page.locator('tbody tr').filter({ hasText: '（場所）' }).getByText('場所のみ', { exact: true }));
    await expectAccessible(supervisor, 'd13-targets-named');

    // The 地域包括 desk works the target but the person was registered at the city desk: withheld, not an error page.
    const houkatsu = await e2e.login('houkatsu');
    try {
      const requests = recordRequests(houkatsu);
      await houkatsu.openListFiltered('/outreach-targets', { q: place });
      const withheld = houkatsu.page.locator('tbody tr').filter({ hasText: '（本人）' });
      await shows(withheld.getByText('—（表示できません）'));
      await hasCount(houkatsu.page.getByText(`${family} ${given}`), 0);
      await hasCount(houkatsu.page.getByText('この画面を使う権限がありません'), 0);
      expect(personReads(requests).single).toEqual([]);
      await expectAccessible(houkatsu, 'd14-target-person-withheld');
    } finally {
      await houkatsu.close();
    }
  });

  it('names the person on 私の業務 (referrals awaiting an answer)', async () => {
    const desk = await e2e.login('caseworker');
    try {
      const { page } = desk;
      const requests = recordRequests(desk);
      await desk.open('/work');
      const card = page.locator('[data-work="awaiting_answer"]');
      await shows(card.getByRole('listitem').first());
      await shows(card.locator('[data-person="name"], [data-person="withheld"]').first());
      expect(personReads(requests).single).toEqual([]);
      await expectAccessible(desk, 'd15-work-named');
    } finally {
      await desk.close();
    }
  });

  describe('leftovers (issue 15, item 10)', () => {
    it('puts the participation match on the person\'s timeline, linking to the match', async () => {
      const { page } = supervisor;
      await supervisor.open(`/persons/${personId}/show`);
      const timeline = page.getByRole('list', { name: '経過（時系列）' });
      const match = timeline.locator('li[data-kind="participation-match"]');
      await shows(match);
      await containsText(match, /参加支援（マッチング）/);
      await containsText(match, /提案/);
      await expectAccessible(supervisor, 'd16-timeline-match');
      await match.getByRole('link').click();
      await page.waitForURL(/#\/participation-matches\/[^/]+\/show/);
    });

    it('changes a menu\'s status from its edit form', async () => {
      const { page } = supervisor;
      const menus = (await supervisor.api('GET', '/api/matching/opportunities?perPage=100')).body as { items: Array<{ id: string; source: string; status: string }> };
      const menu = menus.items.find((item) => item.source === 'host-menu' && item.status !== 'ended');
      expect(menu).toBeDefined();
      const next = menu?.status === 'suspended' ? { code: 'published', label: '公開' } : { code: 'suspended', label: '休止' };
      await supervisor.open(`/participation-opportunities/${menu?.id}`);
      const status = page.getByRole('combobox', { name: /^状態/ });
      await shows(status);
      await expectAccessible(supervisor, 'd17-menu-edit-status');
      await status.click();
      await page.getByRole('option', { name: next.label, exact: true }).click();
      await page.getByRole('button', { name: '保存' }).click();
      await page.waitForURL(/#\/participation-opportunities\/[^/]+\/show|#\/participation-opportunities(\?|$)/);
      expect(((await supervisor.api('GET', `/api/matching/opportunities/${menu?.id}`)).body as { status: string }).status).toBe(next.code);
    });

    it('shows the case\'s opening date on the case view', async () => {
      const { page } = supervisor;
      const cases = (await supervisor.api('GET', '/api/intake/cases?perPage=1')).body as { items: Array<{ id: string; openedOn: string }> };
      expect(cases.items[0]?.openedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await supervisor.open(`/cases/${cases.items[0].id}/show`);
      const opened = page.locator('.ra-field-openedOn');
      await containsText(opened, /開始日/);
      await containsText(opened, /(令和|平成)\S*年\d+月\d+日/);
      await expectAccessible(supervisor, 'd18-case-opened-on');
    });
  });
});

describe('a supervisor drafts a plan, schedules its meeting and records its evaluation from the case screens (issue 15, item 10)', () => {
  let supervisor: ConsoleSession;

  beforeAll(async () => {
    supervisor = await e2e.login('supervisor');
  });
  afterAll(async () => supervisor?.close());

  it('goes from the case page to a new plan version, its 重層的支援会議 at the city desk, and an evaluation of the approved plan', async () => {
    const { page } = supervisor;
    const cases = (await supervisor.api('GET', '/api/intake/cases?perPage=100')).body as { items: Array<{ id: string; caseNo: string; status: string }> };
    const planning = cases.items.find((item) => item.status === 'planning');
    expect(planning).toBeDefined();
    const caseId = planning?.id ?? '';

    // 1. 次の版のプランを作る, from the case page: the case is filled in, a goal typed, saved as a draft.
    await supervisor.open(`/cases/${caseId}/show`);
    await supervisor.clickUntilAt(page.getByRole('link', { name: '次の版のプランを作る' }), /#\/plans\/create/);
    await page.getByRole('textbox', { name: '本人・世帯の意向' }).fill('家で暮らし続けたい（e2e 第2版）');
    // A goal and who works on it (a plan goes to the meeting with at least one of each); the add buttons are icons named 追加.
    await page.locator('.ra-input-goals').getByRole('button', { name: /追加/ }).click();
    await page.getByRole('combobox', { name: /^期間/ }).click();
    await page.getByRole('option', { name: '短期', exact: true }).click();
    await page.getByRole('textbox', { name: /^目標( \*)?$/ }).fill('長男が週1回 居場所に通う（e2e）');
    await page.locator('.ra-input-actions').getByRole('button', { name: /追加/ }).click();
    await page.getByRole('combobox', { name: /^機関/ }).fill('生活自立');
    await page.getByRole('option', { name: '高松市生活自立支援センター' }).click();
    await page.getByRole('textbox', { name: /^役割( \*)?$/ }).fill('長男の相談支援');
    await page.getByRole('textbox', { name: /^支援内容/ }).fill('訪問による関係づくり（e2e）');
    await expectAccessible(supervisor, 'd19-plan-create-from-case');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/plans\/[^/]+\/show/);
    const planId = /#\/plans\/([^/]+)\/show/.exec(page.url())?.[1] ?? '';
    const plan = (await supervisor.api('GET', `/api/intake/plans/${planId}`)).body as { caseId: string; planVersion: number; status: string; goals: Array<{ id: string; text: string }>; actions: Array<{ role: string }> };
    expect(plan).toMatchObject({ caseId, status: 'draft', goals: [{ id: 'g1', text: '長男が週1回 居場所に通う（e2e）' }], actions: [expect.objectContaining({ role: '長男の相談支援' })] });
    expect(plan.planVersion).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: '会議に提出する' }).click();
    await expect.poll(async () => ((await supervisor.api('GET', `/api/intake/plans/${planId}`)).body as { status: string }).status, { timeout: 15_000 }).toBe('submitted');

    // 2. 会議を予定する, from the case page: a 重層的支援会議 on this case, convened by the city desk by default, at a typed 和暦 date and time.
    await supervisor.open(`/cases/${caseId}/show`);
    await page.getByRole('link', { name: '会議を予定する' }).click();
    await page.waitForURL(/#\/meetings\/create/);
    await hasValue(page.getByRole('combobox', { name: /^招集機関/ }), '高松市 健康福祉局 地域共生社会推進課');
    await page.getByRole('textbox', { name: /^開催日時/ }).fill('令和7年7月15日');
    await page.getByRole('textbox', { name: /^時刻/ }).fill('14:00');
    await expectAccessible(supervisor, 'd20-meeting-create-from-case');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/meetings\/[^/]+\/show/);
    const meetingId = /#\/meetings\/([^/]+)\/show/.exec(page.url())?.[1] ?? '';
    const meeting = (await supervisor.api('GET', `/api/intake/meetings/${meetingId}`)).body as { legalType: string; heldAt: string; cases: Array<{ caseId: string }> };
    expect(meeting).toMatchObject({ legalType: 'jusou-meeting', cases: [expect.objectContaining({ caseId })] });
    expect(new Date(meeting.heldAt).toISOString()).toBe('2025-07-15T05:00:00.000Z');

    // The meeting is held, approves the plan, the city decides support and it starts; then the case is evaluated.
    const members = ((await supervisor.api('GET', `/api/intake/cases/${caseId}`)).body as { memberOrganizationIds: string[] }).memberOrganizationIds;
    for (const [path, body] of [
      [`/api/intake/meetings/${meetingId}/hold`, {}],
      [`/api/intake/plans/${planId}/approve`, { meetingId }],
      [`/api/intake/cases/${caseId}/decide-support`, { decidedOn: '2025-07-16' }],
      [`/api/intake/cases/${caseId}/assign-lead`, { leadOrganizationId: members[0] }],
      [`/api/intake/cases/${caseId}/start-support`, {}],
      [`/api/intake/cases/${caseId}/start-evaluation`, {}],
    ] as const) {
      const answer = await supervisor.api('POST', path, body);
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    }

    // 3. 評価を記録する, from the plan page: a result for each goal of the plan, 継続.
    await supervisor.open(`/plans/${planId}/show`);
    await page.getByRole('link', { name: '評価を記録する' }).click();
    await page.waitForURL(/#\/evaluations\/create/);
    await page.getByRole('combobox', { name: /^達成度/ }).click();
    await page.getByRole('option', { name: '一部達成', exact: true }).click();
    await expectAccessible(supervisor, 'd21-evaluation-create-from-plan');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(new RegExp(`#/plans/${planId}/show`));
    const evaluations = (await supervisor.api('GET', `/api/intake/plans/${planId}/evaluations`)).body as Array<{ decision: string; goalResults: Array<{ goalId: string; result: string }> }> | { items: Array<{ decision: string; goalResults: Array<{ goalId: string; result: string }> }> };
    const items = Array.isArray(evaluations) ? evaluations : evaluations.items;
    expect(items).toEqual([expect.objectContaining({ decision: 'continue', goalResults: [expect.objectContaining({ goalId: 'g1', result: 'partly-achieved' })] })]);
    await screenshot(page, 'd22-plan-evaluated');
  });
});

describe('staff by name (issue 15, item 6): the 職員名簿 fills at sign-in, pickers search it, records show colleagues by name', () => {
  let supervisor: ConsoleSession;
  let caseworker: ConsoleSession;

  beforeAll(async () => {
    // Signing in enters each of them in the staff directory (name from their own token).
    supervisor = await e2e.login('supervisor');
    caseworker = await e2e.login('caseworker');
  });
  afterAll(async () => {
    await supervisor?.close();
    await caseworker?.close();
  });

  it('chooses a meeting\'s chair by name, never by login id, and shows them by name to colleagues and as 「自分」 to themself', async () => {
    await expect
      .poll(async () => ((await caseworker.api('GET', '/api/intake/staff?subjects=supervisor,caseworker')).body as { items: Array<{ subject: string; displayName: string }> }).items.map((member) => `${member.subject}:${member.displayName}`).sort(), { timeout: 15_000 })
      .toEqual(['caseworker:屋島 健一', 'supervisor:栗林 恵子']);

    const { page } = caseworker;
    await caseworker.open('/meetings/create');
    await page.getByRole('textbox', { name: /^開催日時/ }).fill('令和7年8月5日');
    await page.getByRole('textbox', { name: /^時刻/ }).fill('10:00');
    const chair = page.getByRole('combobox', { name: /^司会・議長/ });
    await chair.fill('栗林');
    await page.getByRole('option', { name: '栗林 恵子', exact: true }).click();
    await hasValue(chair, '栗林 恵子');
    await expectAccessible(caseworker, 'd23-meeting-chair-by-name');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/meetings\/[^/]+\/show/);
    const meetingId = /#\/meetings\/([^/]+)\/show/.exec(page.url())?.[1] ?? '';
    expect(((await caseworker.api('GET', `/api/intake/meetings/${meetingId}`)).body as { chairStaff: string }).chairStaff).toBe('supervisor');
    await shows(page.locator('[data-staff="supervisor"]').filter({ hasText: '栗林 恵子' }));
    await screenshot(page, 'd24-meeting-chair-shown-by-name');

    await supervisor.open(`/meetings/${meetingId}/show`);
    await shows(supervisor.page.locator('[data-staff="supervisor"]').filter({ hasText: '栗林 恵子（自分）' }));
  });
});
