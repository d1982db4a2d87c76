import type { ServiceAppOptions } from '@tsunagu/platform-service';
import { IMPORT_BODY_LIMIT } from '@tsunagu/platform-import';

export const INTAKE_APP_OPTIONS: ServiceAppOptions = {
  service: 'intake',
  title: 'Tsunagu intake API (包括的相談支援)',
  description:
    'People and households, the consent ledger, consultations (相談受付) with their status machine and 通報 records, and referrals (つなぎ) as a closed loop. ' +
    'Staff roles caseworker/supervisor/admin work across their municipality; agency users and clients see only referrals to or from their organisation.',
  // データ取込 files (apps/intake/src/import); every other route keeps the default limit.
  routeBodyLimits: { '/api/intake/imports': IMPORT_BODY_LIMIT },
};
