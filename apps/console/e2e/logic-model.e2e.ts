import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disappears, hasCount, shows } from './expect';
import type { ConsoleSession } from './pages';
import { expectAccessible, useConsoleStack } from './setup';

/** ロジックモデル (issue 17): a supervisor builds the 地域づくり事業's model with an indicator and its 事業費; an analyst reads it. */
const e2e = useConsoleStack(['idp', 'registry', 'intake', 'outreach', 'matching', 'reporting', 'console'], 'logic-model e2e', 'logic-model-');

/** 年度 of today in Japan. */
function fiscalYearToday(): number {
  const japan = new Date(Date.now() + 9 * 3_600_000);
  return japan.getUTCMonth() >= 3 ? japan.getUTCFullYear() : japan.getUTCFullYear() - 1;
}

describe('ロジックモデル', () => {
  let supervisor: ConsoleSession;
  const fiscalYear = fiscalYearToday();

  beforeAll(async () => {
    supervisor = await e2e.login('supervisor');
    const defined = await supervisor.api('POST', '/api/reporting/indicators', { code: 'e2e-mutual-aid', name: '支え合い実施地区数（e2e）', measure: 'mutual-aid-districts', unit: '地区' });
    expect(defined.status).toBe(201);
    const target = await supervisor.api('POST', '/api/reporting/indicator-targets', { definitionId: (defined.body as { id: string }).id, fiscalYear, targetValue: 40 });
    expect(target.status).toBe(201);
  });
  afterAll(async () => supervisor?.close());

  it('a supervisor adds an activity and an output with its indicator, enters the 事業費 and sees target vs actual and cost per result', async () => {
    const { page } = supervisor;
    await supervisor.openFromMenu('ロジックモデル');
    await shows(page.getByRole('heading', { name: 'ロジックモデル（目標と実績・事業費）' }));
    // 和暦 年度 labels (ADR 0013).
    await shows(page.getByRole('combobox', { name: '年度' }).filter({ hasText: /令和\d+年度/ }));
    await page.getByRole('tab', { name: '地域づくり事業' }).click();
    await shows(page.getByText('この事業のロジックモデルはまだありません。'));

    const form = page.getByRole('heading', { name: '項目を追加' }).locator('..');
    await form.getByRole('textbox', { name: '項目' }).fill('生活支援コーディネーターによる地域資源づくり');
    await form.getByRole('button', { name: '追加する' }).click();
    await shows(page.getByText('項目を追加しました'));
    await shows(page.getByRole('cell', { name: '生活支援コーディネーターによる地域資源づくり' }));

    await form.getByRole('combobox', { name: '区分' }).click();
    await page.getByRole('option', { name: 'アウトプット' }).click();
    await form.getByRole('textbox', { name: '項目' }).fill('支え合いの場が各地区にある');
    await form.getByRole('combobox', { name: '指標' }).click();
    await page.getByRole('option', { name: '支え合い実施地区数（e2e）' }).click();
    await form.getByRole('textbox', { name: '備考' }).fill('年度末の実施地区');
    await form.getByRole('button', { name: '追加する' }).click();
    const output = page.getByRole('row').filter({ hasText: '支え合いの場が各地区にある' });
    await shows(output.getByRole('cell', { name: '支え合い実施地区数（e2e）' }));

    await page.getByRole('textbox', { name: '事業費（円）' }).fill('12000000');
    await page.getByRole('textbox', { name: '職員数（常勤換算）' }).fill('1.5');
    await page.getByRole('button', { name: '事業費を保存' }).click();
    await shows(page.getByText('事業費を保存しました'));
    await shows(page.getByText('事業費 12,000,000円／職員 1.5人（常勤換算）'));

    // The actual and the cost per result are the API's figures.
    const model = (await supervisor.api('GET', `/api/reporting/logic-model?fiscalYear=${fiscalYear}`)).body as {
      jigyo: { jigyo: string; stages: { items: { title: string; indicator: { actual: number; achievementRate: number } | null; costPerResult: number | null }[] }[] }[];
    };
    const item = model.jigyo.find((entry) => entry.jigyo === 'community')?.stages.flatMap((stage) => stage.items).find((entry) => entry.title === '支え合いの場が各地区にある');
    const actual = item?.indicator?.actual ?? 0;
    expect(item?.costPerResult).toBe(actual > 0 ? Math.round(12_000_000 / actual) : null);
    await shows(output.getByRole('cell', { name: '40地区', exact: true }));
    await shows(output.getByRole('cell', { name: `${actual}地区`, exact: true }));
    await shows(output.getByRole('cell', { name: `${Math.round((item?.indicator?.achievementRate ?? 0) * 1000) / 10}%`, exact: true }));
    await shows(output.getByRole('cell', { name: actual > 0 ? `${Math.round(12_000_000 / actual).toLocaleString('ja-JP')}円` : '—', exact: true }));
    // Beside the 年度 report's result (districts with resources).
    await shows(page.getByRole('table', { name: '成果あたり事業費' }).getByRole('cell', { name: '地区数' }));
    await expectAccessible(supervisor, '60-logic-model-supervisor');
  });

  it('a supervisor edits an item and removes it', async () => {
    const { page } = supervisor;
    const row = page.getByRole('row').filter({ hasText: '生活支援コーディネーターによる地域資源づくり' });
    await row.getByRole('button', { name: '編集' }).click();
    const form = page.getByRole('heading', { name: '項目を編集' }).locator('..');
    await form.getByRole('textbox', { name: '項目' }).fill('コーディネーターによる地域資源の発掘');
    await form.getByRole('button', { name: '更新する' }).click();
    await shows(page.getByText('項目を更新しました'));
    const edited = page.getByRole('row').filter({ hasText: 'コーディネーターによる地域資源の発掘' });
    await shows(edited);
    await edited.getByRole('button', { name: '削除' }).click();
    await shows(page.getByText('項目を削除しました'));
    await disappears(page.getByRole('row').filter({ hasText: 'コーディネーターによる地域資源の発掘' }));
  });

  it('an analyst reads the model without edit controls', async () => {
    const analyst = await e2e.login('analyst');
    try {
      const { page } = analyst;
      await analyst.openFromMenu('ロジックモデル');
      await page.getByRole('tab', { name: '地域づくり事業' }).click();
      await shows(page.getByRole('cell', { name: '支え合いの場が各地区にある' }));
      await shows(page.getByText('事業費 12,000,000円／職員 1.5人（常勤換算）'));
      await hasCount(page.getByRole('button', { name: '追加する' }), 0);
      await hasCount(page.getByRole('button', { name: '編集' }), 0);
      await hasCount(page.getByRole('button', { name: '事業費を保存' }), 0);
      await expectAccessible(analyst, '61-logic-model-analyst');
    } finally {
      await analyst.close();
    }
  });

  it('a caseworker has no ロジックモデル menu entry', async () => {
    const caseworker = await e2e.login('caseworker');
    try {
      await hasCount(caseworker.page.getByRole('menuitem', { name: 'ロジックモデル' }), 0);
    } finally {
      await caseworker.close();
    }
  });
});
