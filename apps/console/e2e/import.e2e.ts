import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsText, shows } from './expect';
import type { ConsoleSession } from './pages';
import { expectAccessible, useConsoleStack } from './setup';

/** データ取込 (issue 19): a supervisor checks a file with a problem, imports a clean one, and imports it again (nothing new). */
const e2e = useConsoleStack(['idp', 'registry', 'intake', 'outreach', 'matching', 'reporting', 'console'], 'import e2e', 'import-');

const HEADER = '管理番号,氏名（姓）,氏名（名）,フリガナ（セイ）,フリガナ（メイ）,生年月日,性別';
const csv = (...lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');
const CLEAN = csv('E2E-1,取込,一子,トリコミ,イチコ,昭和50年4月1日,女', 'E2E-2,取込,二郎,トリコミ,ジロウ,H2.5.6,男');
const BROKEN = csv('E2E-1,取込,一子,トリコミ,イチコ,昭和50年4月1日,女', 'E2E-2,取込,二郎,トリコミ,ジロウ,H2.2.30,男');

describe('データ取込', () => {
  let supervisor: ConsoleSession;

  beforeAll(async () => {
    supervisor = await e2e.login('supervisor');
  });
  afterAll(async () => supervisor?.close());

  it('reports a dry run’s problems by line and column, imports a clean file, and a re-run creates nothing', async () => {
    const { page } = supervisor;
    await supervisor.openFromMenu('データ取込');
    await shows(page.getByRole('heading', { name: 'データ取込（既存の記録）' }));
    const chooseFile = async (name: string, buffer: Buffer) => {
      await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer });
      await shows(page.getByText(name, { exact: true }));
    };

    await chooseFile('persons-broken.csv', BROKEN);
    await page.getByRole('button', { name: '確認（取り込まない）' }).click();
    const problems = page.getByRole('table', { name: '問題の一覧' });
    await shows(problems.getByRole('row').filter({ hasText: '存在しない日付です' }));
    const row = problems.getByRole('row').filter({ hasText: '存在しない日付です' });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['3', '生年月日', '存在しない日付です']);
    expect(await page.getByRole('button', { name: '取込実行' }).isDisabled()).toBe(true);
    await expectAccessible(supervisor, 'import-01-dry-run-problems');

    await chooseFile('persons.csv', CLEAN);
    await page.getByRole('button', { name: '確認（取り込まない）' }).click();
    await shows(page.getByText('問題はありません'));
    await containsText(page.getByTestId('import-report'), /新規 2件・取込済み 0件・問題 0件/);
    await page.getByRole('button', { name: '取込実行' }).click();
    await shows(page.getByText(/^取り込みました/));
    await containsText(page.getByTestId('import-report'), /新規 2件・取込済み 0件/);

    // The same file again: every row's 管理番号 was imported, nothing is new.
    await chooseFile('persons-again.csv', CLEAN);
    await page.getByRole('button', { name: '確認（取り込まない）' }).click();
    await containsText(page.getByTestId('import-report'), /新規 0件・取込済み 2件・問題 0件/);
    await page.getByRole('button', { name: '取込実行' }).click();
    await shows(page.getByText(/^取り込みました/));
    await containsText(page.getByTestId('import-report'), /新規 0件・取込済み 2件/);
    await expectAccessible(supervisor, 'import-02-re-run');

    const found = await supervisor.api('GET', `/api/intake/persons?q=${encodeURIComponent('トリコミ')}`);
    expect((found.body as { total: number }).total).toBe(2);
  });

  it('lists the later record types, whose rows name earlier imports: an unknown 管理番号 is a problem of its cell', async () => {
    const { page } = supervisor;
    await page.getByRole('combobox', { name: '取り込む記録' }).click();
    for (const label of ['同意', 'つなぎ', '多機関協働ケース', '支援プラン']) await shows(page.getByRole('option', { name: label, exact: true }));
    await page.getByRole('option', { name: '同意', exact: true }).click();
    await shows(page.getByText(/同意管理番号（必須）/));
    const consents = Buffer.from(
      ['同意管理番号,対象者の管理番号,同意の範囲,取得方法,取得日,状態', 'E2E-D1,E2E-1,関係機関との情報共有,署名,令和6年4月1日,取得', 'E2E-D2,E2E-404,関係機関との情報共有,署名,令和6年4月1日,取得', ''].join('\r\n'),
      'utf8',
    );
    await page.locator('input[type="file"]').setInputFiles({ name: 'consents.csv', mimeType: 'text/csv', buffer: consents });
    await page.getByRole('button', { name: '確認（取り込まない）' }).click();
    const row = page.getByRole('table', { name: '問題の一覧' }).getByRole('row').filter({ hasText: '取込み済みの対象者にありません' });
    await shows(row);
    expect(await row.getByRole('cell').allTextContents()).toEqual(['3', '対象者の管理番号', '取込み済みの対象者にありません（先に対象者を取り込んでください）']);
    await expectAccessible(supervisor, 'import-03-consents-reference');
  });

  it('imports outreach targets from the same screen (outreach\'s API): the sample file checks clean and imports', async () => {
    const { page } = supervisor;
    await page.getByRole('combobox', { name: '取り込む記録' }).click();
    await page.getByRole('option', { name: 'アウトリーチ対象', exact: true }).click();
    await shows(page.getByText(/場所・様子/));
    const targets = Buffer.from(
      ['管理番号,対象者ID,世帯ID,場所・様子,地区ID,把握日,把握経路,リスク,課題,担当機関ID,段階,備考', 'E2E-O1,,,駅前の公園で夜を過ごす30代男性（e2e）,,令和6年5月10日,地域住民,中,孤独・孤立,,未接触,', ''].join('\r\n'),
      'utf8',
    );
    await page.locator('input[type="file"]').setInputFiles({ name: 'outreach-targets.csv', mimeType: 'text/csv', buffer: targets });
    await page.getByRole('button', { name: '確認（取り込まない）' }).click();
    await shows(page.getByText('問題はありません'));
    await page.getByRole('button', { name: '取込実行' }).click();
    await shows(page.getByText(/^取り込みました/));
    await containsText(page.getByTestId('import-report'), /新規 1件・取込済み 0件/);
    await expectAccessible(supervisor, 'import-04-outreach-targets');
    const found = (await supervisor.api('GET', `/api/outreach/targets?q=${encodeURIComponent('e2e')}`)).body as { items: Array<{ stage: string }> };
    expect(found.items).toEqual([expect.objectContaining({ stage: 'not-contacted' })]);
  });
});
