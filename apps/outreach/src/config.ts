import { deskAccessVariables, platformVariables, type ConfigValues } from '@tsunagu/platform-config';
import { pseudonymVariables } from '@tsunagu/util-pseudonym';

/** Platform variables plus outreach's own (docs/services/outreach.md). */
export const outreachVariables = {
  ...platformVariables,
  ...deskAccessVariables,
  ...pseudonymVariables,
  OUTREACH_INACTIVITY_DAYS_DEFAULT: {
    description:
      'Days without a successful contact (面談できた / 短時間会話) after which a high-risk target raises an inactivity alert, for municipalities that have not set their own (PUT /settings).',
    type: 'int',
    default: '30',
    min: 1,
    max: 365,
  },
  OUTREACH_CHECK_INTERVAL_MS: {
    description:
      'How often each replica runs the inactivity and watch-overdue check (one replica at a time per municipality, by advisory lock). 0 turns the periodic check off.',
    type: 'int',
    default: '300000',
    min: 0,
  },
  OUTREACH_RETENTION_CHECK_INTERVAL_MS: {
    description:
      'How often each replica runs the retention check that lists targets past their period into a destruction batch for approval (one replica at a time per municipality, by advisory lock; nothing is destroyed without approval). 0 turns it off.',
    type: 'int',
    default: '86400000',
    min: 0,
  },
  OUTREACH_DV_ADDRESS_ROLES: {
    description:
      "Roles that may see the district and place description of a target whose person (or household member) is under DV address protection in intake (mirrors INTAKE_DV_ADDRESS_ROLES); everyone else sees them masked, and district filters leave such targets out.",
    type: 'string',
    default: 'supervisor,admin',
  },
  OUTREACH_PERSON_WAIT_MS: {
    description:
      "How long a request naming a person or household id outreach has not yet mirrored from intake's events waits for it (a person registered a moment ago) before answering 400.",
    type: 'int',
    default: '3000',
    min: 0,
    max: 30000,
  },
} as const;
export type OutreachConfig = ConfigValues<typeof outreachVariables>;
