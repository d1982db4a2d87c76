import { platformVariables, type ConfigValues } from '@tsunagu/platform-config';
import { pseudonymVariables } from '@tsunagu/util-pseudonym';

/** Platform variables plus intake's own (docs/services/intake.md). */
export const intakeVariables = {
  ...platformVariables,
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
  CITY_DESK_ORGANIZATION_ID: {
    description:
      'Registry organisation id of the municipality’s own desk (つながる福祉相談窓口): the desk of city staff, whose tokens carry no `agency` claim. Unset: city staff see people only through CITY_WIDE_READ_ROLES (docs/security/access-model.md).',
    type: 'string',
    example: '01900000-0000-7000-8000-000000000001',
  },
  CITY_WIDE_READ_ROLES: {
    description: 'City roles (staff without an `agency` claim) that read every person of the municipality; everybody else sees a person only through a relationship of their desk. Never applies to contracted desks.',
    type: 'string',
    default: 'supervisor,coordinator,auditor',
  },
  EMERGENCY_ACCESS_MINUTES: {
    description: 'Minutes an emergency access (緊急時アクセス, break-glass) to one person lasts before it expires.',
    type: 'int',
    default: '60',
    min: 1,
    max: 1440,
  },
} as const;
export type IntakeConfig = ConfigValues<typeof intakeVariables>;
