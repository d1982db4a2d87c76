import { deskAccessVariables, platformVariables, type ConfigValues } from '@tsunagu/platform-config';
import { pseudonymVariables } from '@tsunagu/util-pseudonym';

/** Platform variables plus matching's own (docs/services/matching.md). */
export const matchingVariables = {
  ...platformVariables,
  ...deskAccessVariables,
  ...pseudonymVariables,
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
  MATCHING_GAP_CHECK_INTERVAL_MS: {
    description:
      'How often each replica ranks every need being heard or matched again and records a menu gap (メニュー不足) for those nothing fits (one replica at a time per municipality, by advisory lock): menus change without anybody touching a need. 0 turns the periodic check off; the need\'s own writes still record gaps.',
    type: 'int',
    default: '3600000',
    min: 0,
    max: 86400000,
  },
  MATCHING_DV_ADDRESS_ROLES: {
    description:
      "Roles that may see the home and preferred districts of a need whose person is under DV address protection in intake (mirrors INTAKE_DV_ADDRESS_ROLES); everyone else sees them masked, and the district filter leaves such needs out.",
    type: 'string',
    default: 'supervisor,admin',
  },
  MATCHING_PERSON_WAIT_MS: {
    description: "How long a request naming a person id matching has not yet copied from intake's events waits for it (a person registered a moment ago) before answering 400.",
    type: 'int',
    default: '3000',
    min: 0,
    max: 30000,
  },
} as const;
export type MatchingConfig = ConfigValues<typeof matchingVariables>;
