import { platformVariables, type ConfigValues } from '@tsunagu/platform-config';

/** Platform variables plus matching's own (docs/services/matching.md). */
export const matchingVariables = {
  ...platformVariables,
  MATCHING_FOLLOW_UP_DAYS: {
    description: 'Days after a follow-up (or the start of participation) until the next 定着支援 follow-up is due, when the staff member sets no date.',
    type: 'int',
    default: '14',
    min: 1,
    max: 180,
  },
  MATCHING_SUGGESTION_LIMIT: {
    description: 'Most suggestions GET /needs/{id}/suggestions returns.',
    type: 'int',
    default: '20',
    min: 1,
    max: 100,
  },
} as const;
export type MatchingConfig = ConfigValues<typeof matchingVariables>;
