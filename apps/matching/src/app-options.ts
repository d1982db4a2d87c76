import type { ServiceAppOptions } from '@tsunagu/platform-service';

export const MATCHING_APP_OPTIONS: ServiceAppOptions = {
  service: 'matching',
  title: 'Tsunagu matching API (参加支援)',
  description:
    'Participation needs (参加ニーズ) with their status machine, hosts (受入先) and menus, opportunities copied from registry community resources by events, ' +
    'ranked suggestions with reasons per factor, the match lifecycle 提案 → 見学 → 体験 → 参加開始（定着支援中）→ 定着 with the consent gate for sharing with a host, ' +
    'follow-ups for the person and the host (定着支援・受入先支援), menu gaps per district, and the scoring weights per municipality. ' +
    'Agency users and clients of a host organisation see only the matches at their organisation.',
};
