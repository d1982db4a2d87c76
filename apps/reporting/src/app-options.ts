/** Title and description of the OpenAPI document (also used by the docs test). */
export const REPORTING_APP_OPTIONS = {
  service: 'reporting',
  title: 'Tsunagu reporting API (実績報告・評価)',
  description:
    'Reports built from event projections (no personal data): the 年度 report per 事業 (実人数 by pseudonymous key, 延べ, XLSX with one sheet per 事業), 年度 closing as signed snapshots, 支え合いサービス実施状況, 相談受付件数, つなぎ, with tidy CSV (UTF-8 BOM / CP932) and JSON exports; published views suppress small cells and their complements.',
};
