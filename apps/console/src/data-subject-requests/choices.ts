/** Codes of intake's data-subject requests (apps/intake/src/data-subject-requests/request-codes.ts) with their Japanese labels. */
const choices = (labels: Record<string, string>) => Object.entries(labels).map(([id, name]) => ({ id, name }));

export const KIND_CHOICES = choices({ disclosure: '開示請求', correction: '訂正請求', suspension: '利用停止請求' });
export const STATUS_CHOICES = choices({ received: '受付', decided: '決定', completed: '開示済・実施済', refused: '不開示・却下' });
/** What a step of a request's history did (RequestHistoryEntry.action). */
export const HISTORY_ACTION_CHOICES = choices({ received: '受付', extended: '期限延長', decided: '決定', completed: '開示・実施', applied: '訂正・利用停止の実施', lifted: '利用停止の解除' });
export const DECISION_CHOICES = choices({ granted: '全部開示・承認', 'partially-granted': '一部開示・一部承認', refused: '不開示・却下' });
export const REQUESTER_CHOICES = choices({ self: '本人', 'legal-representative': '法定代理人', 'delegated-agent': '任意代理人（委任）' });
export const IDENTITY_CHOICES = choices({
  'my-number-card': '個人番号カード（番号は記録しない）',
  'driver-license': '運転免許証',
  passport: '旅券',
  'residence-card': '在留カード',
  'health-insurance-card': '健康保険の資格確認書等',
  'other-document': 'その他の書類',
  'postal-certified-copy': '送付請求（写し＋住民票）',
});
export const ARTICLE_78_CHOICES = choices({
  '78-1-1': '本人の生命等を害するおそれ（1号）',
  '78-1-2': '開示請求者以外の個人に関する情報（2号）',
  '78-1-3': '法人等に関する情報（3号）',
  '78-1-7': '事務又は事業に関する情報（7号）',
});
