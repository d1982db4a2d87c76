import { platformVariables, type ConfigValues } from '@tsunagu/platform-config';

/** Platform variables plus the reporting service's own (docs/services/reporting.md). */
export const reportingVariables = {
  ...platformVariables,
  REPORTING_SUPPRESSION_THRESHOLD: {
    description:
      'Default small-cell threshold of published (outward) exports: counts 1 … threshold-1 are suppressed so no individual can be singled out. A municipality can override it (PUT /api/reporting/settings).',
    type: 'int',
    default: '3',
    min: 1,
    max: 100,
  },
  REPORTING_READY_MAX_LAG: {
    description: 'Readiness fails when the projection consumers have more events pending than this (stale reports).',
    type: 'int',
    default: '100000',
    min: 1,
  },
  REPORTING_SNAPSHOT_KEY: {
    description:
      'Secret (≥ 32 characters) that signs the figures of a closed 年度 (HMAC-SHA256), so a changed snapshot is detected. Closing a year is refused while unset (outside tests).',
    type: 'string',
    sensitive: true,
  },
} as const;
export type ReportingConfig = ConfigValues<typeof reportingVariables>;
