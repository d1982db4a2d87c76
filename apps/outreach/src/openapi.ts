import type { ServiceAppOptions } from '@tsunagu/platform-service';
import { IMPORT_BODY_LIMIT } from '@tsunagu/platform-import';

export const OUTREACH_APP_OPTIONS: ServiceAppOptions = {
  service: 'outreach',
  title: 'Tsunagu outreach API (アウトリーチ等を通じた継続的支援)',
  description:
    'Outreach targets before they are clients (a person, a household or only a place), their relationship stage machine, the contact log, ' +
    'watch plans (ゆるやかな見守り) with overdue lists, inactivity alerts for high-risk targets, and the consent-checked hand-over to intake. ' +
    'Staff roles outreach-worker/supervisor/admin work across their municipality; agency users see only the targets assigned to their organisation.',
  // データ取込 files (apps/outreach/src/import); every other route keeps the default limit.
  routeBodyLimits: { '/api/outreach/imports': IMPORT_BODY_LIMIT },
};
