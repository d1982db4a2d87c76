import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsText, hasCount, hasValue, shows } from './expect';
import { ConsoleSession } from './pages';
import { expectAccessible, useConsoleStack } from './setup';

/**
 * アウトリーチ and 参加支援 screens in Debian's Chromium against the real stack (idp, registry, intake, outreach,
 * matching, reporting, edge, built console) with the services' demo data.
 */
const e2e = useConsoleStack(['idp', 'registry', 'intake', 'outreach', 'matching', 'reporting', 'console'], 'programmes e2e', 'programmes-');

/** Picks an option of a labelled react-admin select. */
/** A person registered at the intake desk: matching accepts only intake's person ids of the caller's municipality. */
async function intakePerson(givenName: string): Promise<string> {
  const desk = await e2e.login('caseworker');
  try {
    const created = await desk.api('POST', '/api/intake/persons', { familyName: 'e2e', givenName, familyNameKana: 'イーツーイー', givenNameKana: 'テスト', confirmNotDuplicate: true });
    expect(created.status).toBe(201);
    return (created.body as { id: string }).id;
  } finally {
    await desk.close();
  }
}

async function choose(session: ConsoleSession, label: string | RegExp, option: string) {
  await session.page.getByRole('combobox', { name: label }).click();
  await session.page.getByRole('option', { name: option, exact: true }).click();
}

describe('outreach worker (アウトリーチ支援員)', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await e2e.login('outreach');
  });
  afterAll(async () => session?.close());

  it('lists targets with stage chips, filters by stage, and opens a demo target', async () => {
    const { page } = session;
    await session.openFromMenu('アウトリーチ対象');
    await shows(page.getByRole('columnheader', { name: '段階' }));
    await shows(page.getByText(/女木町の港から坂を上った家/));
    await expectAccessible(session, 'p01-outreach-targets');
    await page.getByRole('group', { name: '段階で絞り込む' }).getByRole('button', { name: '関係構築中' }).click();
    await hasCount(page.getByText(/女木町の港から坂を上った家/), 0);
    await page.getByRole('group', { name: '段階で絞り込む' }).getByRole('button', { name: '関係構築中' }).click();
    await page
      .getByText(/女木町の港から坂を上った家/)
      .first()
      .click();
    await shows(page.getByRole('heading', { name: '接触の経過' }));
    await shows(page.getByRole('heading', { name: '見守り計画' }));
  });

  it('logs a visit and sees it in the contact timeline', async () => {
    const { page } = session;
    const note = `e2e 玄関先で声かけ ${Date.now()}`;
    const timeline = page.locator('[aria-label="接触の経過"]');
    await shows(timeline);
    const before = await page.getByTestId('outreach-contact').count();
    await expectAccessible(session, 'p02-outreach-target-show');
    await choose(session, '結果', '短時間会話');
    await page.getByRole('textbox', { name: '様子（記述）' }).fill(note);
    await page.getByRole('textbox', { name: '次回の対応' }).fill('民生委員と再訪問');
    await choose(session, '記録の根拠', '自機関所掌事務');
    await page.getByRole('button', { name: '保存' }).click();
    await shows(page.getByText('接触を記録しました'));
    await hasCount(page.getByTestId('outreach-contact'), before + 1);
    await shows(timeline.getByText(note));
    await containsText(timeline.getByTestId('outreach-contact').first(), /短時間会話/);
  });

  it('offers only the stage buttons the API allows and moves the stage', async () => {
    const { page } = session;
    const group = page.getByRole('group', { name: '段階を進める' });
    await shows(group);
    // A brief talk moved 未接触/接触試行中 on: the API lists the stages the target may move to now.
    const id = page.url().split('/outreach-targets/')[1].split('/')[0];
    const target = (await session.api('GET', `/api/outreach/targets/${id}`)).body as { stage: string; allowedStages: string[] };
    const offered = (await group.getByRole('button').allInnerTexts()).filter((text) => text.startsWith('「'));
    expect(offered.length).toBe(target.allowedStages.filter((stage) => stage !== 'closed' && stage !== target.stage).length);
    if (offered.length) {
      await group.getByRole('button', { name: offered[0] }).click();
      await shows(page.getByText('段階を更新しました'));
    }
  });

  it('shows the server’s refusal of a hand-over the person’s consent does not cover', async () => {
    const { page } = session;
    // The son of the 8050 household (仏生山): a known person, but the household's consent was given by his father.
    const targets = (await session.api('GET', '/api/outreach/targets?perPage=100')).body as { items: Array<{ id: string; personId: string | null; reasonTags: string[] }> };
    const son = targets.items.find((target) => target.personId && target.reasonTags.includes('8050'));
    expect(son).toBeDefined();
    await session.open(`/outreach-targets/${son?.id}/show`);
    await page.getByRole('button', { name: '引き継ぐ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '引継ぎ先の機関' }).fill('地域包括');
    await page.getByRole('option').first().click();
    await dialog.getByRole('button', { name: '引き継ぐ' }).click();
    await shows(dialog.getByTestId('command-refusal'));
    await containsText(dialog.getByTestId('command-refusal'), /本人の同意がこの引継ぎ先をカバーしていない/);
    // In Japanese only: the server's English detail is not shown (issue 15).
    await hasCount(dialog.getByTestId('command-refusal').getByText(/サーバーからの説明|consent/), 0);
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await hasCount(page.getByText('まだ引き継いでいません。'), 1);
  });

  it('shows my overdue watch visits and the open inactivity alerts', async () => {
    const { page } = session;
    await session.openFromMenu('期限切れの見守り訪問');
    await shows(page.getByRole('heading', { name: '期限を過ぎた見守り訪問' }));
    await shows(page.getByRole('heading', { name: '対応中の未接触アラート' }));
    // The demo data keeps one watch visit overdue (the worker is one of its watchers).
    const overdue = page.locator('section[aria-labelledby="outreach-overdue"]');
    await shows(overdue.getByRole('cell', { name: /\d+日超過/ }));
    // Each row says whom it is about: an outreach worker (who does not read intake's persons) sees how the target is known.
    await shows(overdue.getByRole('columnheader', { name: '本人' }));
    await shows(overdue.getByRole('cell', { name: /^(本人特定済|世帯のみ|場所のみ)$/ }).first());
    await shows(overdue.getByRole('link').first());
    const alerts = page.locator('section[aria-labelledby="outreach-open-alerts"]');
    await shows(alerts.getByRole('table').or(alerts.getByText('該当はありません。')));
    await expectAccessible(session, 'p03-outreach-overdue');
    await overdue.getByRole('link').first().click();
    await shows(page.getByRole('heading', { name: '見守り計画' }));
  });
  it('registers a place-only target (nobody known yet) and opens its page', async () => {
    const { page } = session;
    const place = `e2e 鬼無町の倉庫横の小屋、夜に明かり ${Date.now()}`;
    await session.open('/outreach-targets/create');
    await shows(page.getByRole('textbox', { name: '場所と様子' }));
    await expectAccessible(session, 'p07-outreach-target-create');
    // An outreach worker does not read intake's persons, so cannot search them: the plain id, with a hint saying why.
    await shows(page.getByRole('textbox', { name: '本人ID' }));
    await shows(page.getByText('この役割では本人を検索できません。相談受付の担当から聞いた本人IDを入れます'));
    await hasCount(page.getByRole('combobox', { name: /^本人/ }), 0);
    await page.getByRole('textbox', { name: '場所と様子' }).fill(place);
    await choose(session, /把握経路/, '地域住民');
    await choose(session, /リスク/, '中');
    await page.getByRole('combobox', { name: /担当機関/ }).fill('社会福祉協議会');
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: '保存' }).click();
    await shows(page.getByRole('heading', { name: '接触の経過' }));
    await shows(page.getByText(place));
    await shows(page.getByText('場所のみ', { exact: true }));
    // No watch plan yet: set one up (visit every 7 days, watched by the signed-in worker).
    await shows(page.getByText('見守り計画はありません。'));
    await page.getByRole('button', { name: '見守り計画を作る' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('spinbutton', { name: '訪問の間隔（日）' }).fill('7');
    // The staff watcher is the signed-in worker, already chosen and shown by display name (not by the login id).
    await hasValue(dialog.getByRole('combobox', { name: '職員（職員のとき）' }), '香西 美咲（自分）');
    await dialog.getByRole('button', { name: '保存' }).click();
    await shows(page.getByText('見守り計画を保存しました'));
    await shows(page.getByText('7日ごとに訪問'));
    await shows(page.getByText(/見守る人: 香西 美咲（自分）（職員）/));
    const plan = (await session.api('GET', `/api/outreach/targets/${page.url().split('/outreach-targets/')[1].split('/')[0]}/watch-plan`)).body as { watchers: Array<{ kind: string; subject?: string }> };
    expect(plan.watchers).toEqual([expect.objectContaining({ kind: 'staff', subject: 'outreach' })]);
    await shows(page.getByRole('button', { name: '見守り計画を変更する' }));
  });
});

describe('participation worker (参加支援員)', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await e2e.login('participation');
  });
  afterAll(async () => session?.close());

  it('opens a demo need, sees ranked suggestions with reasons, proposes one and moves the match to 参加開始', async () => {
    const { page } = session;
    const needs = (await session.api('GET', '/api/matching/needs?perPage=100')).body as { items: Array<{ id: string; interests: string[] }> };
    // 讃岐 健太 (8050 household): his consent 参加支援受入先への提供 covers every host.
    const need = needs.items.find((item) => item.interests.includes('カフェ'));
    expect(need).toBeDefined();
    await session.openFromMenu('参加ニーズ');
    await shows(page.getByRole('columnheader', { name: '参加の目的' }));
    await session.open(`/participation-needs/${need?.id}/show`);
    await shows(page.getByRole('heading', { name: '参加先の候補（点数の高い順）' }));
    const suggestions = page.getByTestId('suggestion');
    await shows(suggestions);
    await containsText(suggestions.first(), /\d+点/);
    await containsText(suggestions.first(), /（\d+点）/);
    await expectAccessible(session, 'p04-participation-need');
    const propose = page.getByRole('button', { name: /^提案する: / });
    await shows(propose);
    const label = (await propose.first().getAttribute('aria-label')) ?? '';
    const title = label.replace(/^提案する: /, '');
    await propose.first().click();
    await shows(page.getByText('提案しました'));
    await shows(page.getByTestId('suggestion').filter({ hasText: title }).getByText('提案済み'));

    await session.openFromMenu('マッチング');
    const proposedColumn = page.locator('[data-column="proposed"]');
    await shows(proposedColumn.getByRole('link', { name: title }));
    await expectAccessible(session, 'p05-match-board');
    await proposedColumn.getByRole('link', { name: title }).first().click();
    await shows(page.getByRole('group', { name: 'マッチングの状態を進める' }));
    await expectAccessible(session, 'p06-match-show');
    await page.getByRole('button', { name: '「参加開始（定着支援中）」にする' }).click();
    await shows(page.getByText('マッチングの状態を更新しました'));
    await shows(page.getByText('参加開始（定着支援中）', { exact: true }));
    // 定着支援: record a follow-up with the next due date.
    await shows(page.getByRole('heading', { name: 'フォローアップを記録する' }));
    await choose(session, '方法', '電話');
    await page.getByRole('textbox', { name: '課題' }).fill('e2e 朝の時間帯が不安');
    await page.getByRole('textbox', { name: '次回の期限' }).fill('令和9年1月15日');
    await page.getByRole('button', { name: '保存' }).click();
    await shows(page.getByText('フォローアップを記録しました'));
    await shows(page.getByText('課題: e2e 朝の時間帯が不安'));
    await shows(page.locator('[aria-label="フォローアップ（定着支援・受入先支援）"]').getByText('令和9年1月15日'));
    await session.openFromMenu('マッチング');
    await shows(page.locator('[data-column="participating"]').getByRole('link', { name: title }));
  });

  it('shows the consent refusal on the match page when no consent covers the host', async () => {
    const { page } = session;
    // A person heard today whose consent 参加支援受入先への提供 has not been recorded yet (matching holds ids only).
    const personId = await intakePerson('同意未記録');
    const created = await session.api('POST', '/api/matching/needs', { personId, purposes: ['role-volunteer', 'ibasho', 'hobby-social'], travelRange: 'citywide' });
    expect(created.status).toBe(201);
    const need = created.body as { id: string; version: number };
    expect((await session.api('POST', `/api/matching/needs/${need.id}/status`, { status: 'matching', version: need.version })).status).toBe(200);
    await session.open(`/participation-needs/${need.id}/show`);
    const propose = page.getByRole('button', { name: /^提案する: / });
    await shows(propose);
    await propose.first().click();
    await shows(page.getByText('提案しました'));
    const matches = (await session.api('GET', `/api/matching/matches?needId=${need.id}`)).body as { items: Array<{ id: string }> };
    expect(matches.items).toHaveLength(1);
    await session.open(`/participation-matches/${matches.items[0].id}/show`);
    await page.getByRole('button', { name: '「見学」にする' }).click();
    const refusal = page.getByTestId('command-refusal');
    await shows(refusal);
    await containsText(refusal, /本人の同意「参加支援受入先への提供」がこの受入先をカバーしていない/);
    await hasCount(refusal.getByText(/サーバーからの説明|participation-hosts|consent/), 0);
    // Still on the match page (not the access-denied page), and the match is still 提案.
    await shows(page.getByRole('group', { name: 'マッチングの状態を進める' }));
    expect(((await session.api('GET', `/api/matching/matches/${matches.items[0].id}`)).body as { status: string }).status).toBe('proposed');
  });

  it('moves a need with the status buttons (マッチング中 → 休止 → マッチング中)', async () => {
    const { page } = session;
    const created = await session.api('POST', '/api/matching/needs', { personId: await intakePerson('状態ボタン'), purposes: ['learning'] });
    const need = created.body as { id: string };
    await session.open(`/participation-needs/${need.id}/show`);
    const group = page.getByRole('group', { name: '参加ニーズの状態を変える' });
    await group.getByRole('button', { name: '「マッチング中」にする' }).click();
    await shows(page.getByText('参加ニーズの状態を更新しました'));
    await group.getByRole('button', { name: '「休止」にする' }).click();
    await shows(group.getByRole('button', { name: '「マッチング中」にする' }));
    await hasCount(group.getByRole('button', { name: '「参加中」にする' }), 0);
  });

  it('lists hosts, menus and the menu gaps per district', async () => {
    const { page } = session;
    await session.openFromMenu('受入先・協力事業者');
    await shows(page.getByRole('columnheader', { name: '名称' }));
    await session.openFirstRow('participation-hosts');
    await shows(page.getByText('メニュー'));
    await session.openFromMenu('メニュー不足（地区別）');
    await shows(page.getByRole('heading', { name: 'メニュー不足（地区別）' }));
    await session.openFromMenu('フォローアップ期限切れ');
    await shows(page.getByRole('columnheader', { name: '次のフォローアップ期限' }));
  });
});

describe('users without the role', () => {
  // Desk caseworkers reach the outreach targets assigned to their desk (issue 13); the 参加支援員 does not do outreach.
  it('participation worker: no outreach menu entry, and the 403 explanation on the direct URL', async () => {
    const session = await e2e.login('participation');
    try {
      const { page } = session;
      await shows(page.getByRole('menuitem', { name: '参加ニーズ' }));
      await hasCount(page.getByRole('menuitem', { name: 'アウトリーチ対象' }), 0);
      await session.open('/outreach-targets');
      await shows(page.getByRole('heading', { name: 'この画面を使う権限がありません' }));
      await shows(page.getByText('開こうとした画面: アウトリーチ対象'));
      await shows(page.getByText('この操作に必要なロール: アウトリーチ支援員、係長・スーパーバイザー、システム管理者、相談支援員、関係機関職員'));
    } finally {
      await session.close();
    }
  });

  it('outreach worker: no 参加支援 menu entries, and the explanation on the need list', async () => {
    const session = await e2e.login('outreach');
    try {
      const { page } = session;
      await shows(page.getByRole('menuitem', { name: 'アウトリーチ対象' }));
      await hasCount(page.getByRole('menuitem', { name: '参加ニーズ' }), 0);
      await session.open('/participation-needs');
      await shows(page.getByRole('heading', { name: 'この画面を使う権限がありません' }));
    } finally {
      await session.close();
    }
  });
});

describe('timeline (supervisor)', () => {
  it("shows the outreach contacts of the 8050 son on his household's timeline, linking to the target", async () => {
    const session = await e2e.login('supervisor');
    try {
      const { page } = session;
      await session.open('/households');
      await page.getByRole('textbox', { name: /キーワード/ }).fill('讃岐');
      await hasCount(page.locator('tbody tr'), 1);
      await page.getByRole('cell', { name: '讃岐家' }).click();
      await page.waitForURL(/#\/households\/[^/]+\/show/);
      const timeline = page.getByRole('list', { name: '経過（時系列）' });
      const contact = timeline.locator('li[data-kind="outreach-contact"]').first();
      await shows(contact);
      await contact.getByRole('link').click();
      await page.waitForURL(/#\/outreach-targets\/[^/]+\/show/);
    } finally {
      await session.close();
    }
  });
});

describe('reports (supervisor)', () => {
  it('shows the outreach and participation reports with CSV downloads', async () => {
    const session = await e2e.login('supervisor');
    try {
      const { page } = session;
      await session.open('/reports');
      const outreach = page.locator('section[aria-labelledby="report-outreach"]');
      const participation = page.locator('section[aria-labelledby="report-participation"]');
      await shows(outreach.getByRole('heading', { name: /アウトリーチ/ }));
      await shows(participation.getByRole('heading', { name: /参加支援/ }));
      // Every section loaded before the click: a table replacing its spinner moves the buttons below it, and a click
      // aimed while the layout shifts lands beside the button (a CI run waited 10 s for a download that never came).
      await shows(page.getByTestId('report-outreach'));
      await shows(page.getByTestId('report-participation'));
      await hasCount(page.getByRole('progressbar'), 0);
      await shows(outreach.getByRole('button', { name: 'CSV（UTF-8 BOM付き）' }));
      const [download] = await Promise.all([page.waitForEvent('download'), participation.getByRole('button', { name: 'CSV（UTF-8 BOM付き）' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
    } finally {
      await session.close();
    }
  });
});

/**
 * Pickers instead of raw ids (issue 15, item 6): a caseworker (who reads persons) chooses the person by kana — two people
 * of the same name told apart by their 和暦 birth date — for an outreach target and for a participation need, and
 * finds an organisation well past the first page of 25 by typing its name.
 */
describe('caseworker chooses people and organisations instead of typing ids', () => {
  let session: ConsoleSession;
  const given = `花子${String(Date.now()).slice(-6)}`;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    session = await e2e.login('caseworker');
    for (const birthDate of ['1950-04-01', '1988-12-24']) {
      const created = await session.api('POST', '/api/intake/persons', {
        familyName: '選択',
        givenName: given,
        familyNameKana: 'センタク',
        givenNameKana: 'ハナコ',
        birthDate,
        confirmNotDuplicate: true,
      });
      expect(created.status).toBe(201);
      people[birthDate] = (created.body as { id: string }).id;
    }
  });
  afterAll(async () => session?.close());

  it('registers an outreach target by choosing the person by kana and an organisation past the first 25 by name', async () => {
    const { page } = session;
    const organizations = (await session.api('GET', '/api/registry/organizations?perPage=100')).body as { total: number; items: Array<{ id: string; name: string; kana: string }> };
    expect(organizations.total).toBeGreaterThan(25);
    // The last organisation in the picker's own order (by kana): never on its first page of 25.
    const far = [...organizations.items].sort((a, b) => (a.kana < b.kana ? -1 : a.kana > b.kana ? 1 : 0)).at(-1);
    expect(far).toBeDefined();
    await session.open('/outreach-targets/create');
    const person = page.getByRole('combobox', { name: /^本人/ });
    await person.fill('せんたく はなこ');
    // Both people of the name are offered, each with their birth date in 和暦.
    await shows(page.getByRole('option', { name: `選択 ${given}（センタク ハナコ）・昭和63年12月24日` }));
    await shows(page.getByRole('option', { name: `選択 ${given}（センタク ハナコ）・昭和25年4月1日` }));
    await page.getByRole('option', { name: `選択 ${given}（センタク ハナコ）・昭和25年4月1日` }).click();
    await hasValue(person, `選択 ${given}（センタク ハナコ）・昭和25年4月1日`);
    await choose(session, /把握経路/, '地域住民');
    await choose(session, /リスク/, '中');
    await page.getByRole('combobox', { name: /担当機関/ }).fill(far?.name ?? '');
    await page.getByRole('option', { name: far?.name, exact: true }).click();
    await expectAccessible(session, 'p20-outreach-target-create-pickers');
    await page.getByRole('button', { name: '保存' }).click();
    await shows(page.getByRole('heading', { name: '接触の経過' }));
    const id = page.url().split('/outreach-targets/')[1].split('/')[0];
    const target = (await session.api('GET', `/api/outreach/targets/${id}`)).body as { personId: string | null; assignedOrganizationId: string };
    expect(target.personId).toBe(people['1950-04-01']);
    expect(target.assignedOrganizationId).toBe(far?.id);
    await shows(page.getByText(`選択 ${given}`).first());
    await shows(page.getByText(far?.name ?? '').first());
  });

  it('records a participation need by choosing the person (no id typed)', async () => {
    const { page } = session;
    await session.open('/participation-needs/create');
    const person = page.getByRole('combobox', { name: /^本人/ });
    await person.fill('センタク');
    await page.getByRole('option', { name: `選択 ${given}（センタク ハナコ）・昭和63年12月24日` }).click();
    await page.getByRole('combobox', { name: /参加の目的/ }).click();
    await page.getByRole('option').first().click();
    await page.keyboard.press('Escape');
    await expectAccessible(session, 'p21-participation-need-create-picker');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/participation-needs\/[^/]+\/show$/);
    const id = page.url().split('/participation-needs/')[1].split('/')[0];
    const need = (await session.api('GET', `/api/matching/needs/${id}`)).body as { personId: string };
    expect(need.personId).toBe(people['1988-12-24']);
  });
});
