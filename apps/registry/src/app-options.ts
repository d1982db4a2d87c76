/** Title and description of the OpenAPI document (also used by the docs test). */
export const REGISTRY_APP_OPTIONS = {
  service: 'registry',
  title: 'Tsunagu registry API (地域資源)',
  description: 'Districts, organisations, community resources, coordinators and councils (地域づくり事業 / 生活支援体制整備事業).',
};
