import { deskAccessVariables, platformVariables, type ConfigValues } from '@tsunagu/platform-config';
import { pseudonymVariables } from '@tsunagu/util-pseudonym';

/** Platform variables plus intake's own (docs/services/intake.md). */
export const intakeVariables = {
  ...platformVariables,
  ...deskAccessVariables,
  ...pseudonymVariables,
  INTAKE_DV_ADDRESS_ROLES: {
    description: 'Roles that may see the address of a person under DV address protection (住基 DV等支援措置); everyone else sees it masked.',
    type: 'string',
    default: 'supervisor,admin',
  },
  INTAKE_REFERRAL_FOLLOW_UP_BUSINESS_DAYS: {
    description: 'Business days (weekends and Japanese public holidays excluded) until a referral (つなぎ) must be followed up.',
    type: 'int',
    default: '5',
    min: 1,
    max: 60,
  },
  EMERGENCY_ACCESS_MINUTES: {
    description: 'Minutes an emergency access (緊急時アクセス, break-glass) to one person lasts before it expires.',
    type: 'int',
    default: '60',
    min: 1,
    max: 1440,
  },
  INTAKE_RETENTION_CHECK_INTERVAL_MS: {
    description:
      'How often each replica runs the retention check that lists records past their period into a destruction batch for approval (one replica at a time per municipality, by advisory lock; nothing is destroyed without approval). 0 turns it off.',
    type: 'int',
    default: '86400000',
    min: 0,
  },
  FORMS_MUNICIPALITY_NAME: {
    description: 'Name of the municipality printed at the foot of every 帳票 (PDF form); unset prints its 地方公共団体コード.',
    type: 'string',
    example: '高松市',
  },
} as const;
export type IntakeConfig = ConfigValues<typeof intakeVariables>;
