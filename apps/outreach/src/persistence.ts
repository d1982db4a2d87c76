import { OrganizationCopy } from '@tsunagu/registry-organization-copy';
import { DestructionLog, retentionEntities } from '@tsunagu/platform-audit';
import { ImportJob, ImportSource } from '@tsunagu/platform-import';
import type { ServicePersistence } from '@tsunagu/platform-persistence';
import { messagingEntities } from '@tsunagu/platform-messaging';
import { InactivityAlert } from './alerts/inactivity-alert.entity';
import { OutreachContact } from './contacts/outreach-contact.entity';
import { ConsentMirror } from './consents/consent-mirror.entity';
import { Handover } from './handover/handover.entity';
import { ImportRun } from './import/import.entities';
import { outreachMigrations } from './migrations';
import { HouseholdMirror, PersonMirror } from './people/intake-people.entity';
import { IntakeLegalHold } from './retention/intake-legal-hold.entity';
import { OutreachSetting } from './settings/outreach-setting.entity';
import { OutreachTarget } from './targets/outreach-target.entity';
import { WatchPlan } from './watch/watch-plan.entity';

/** Listed explicitly: the webpack bundle cannot glob entity or migration folders. */
export const outreachEntities = [...messagingEntities, OutreachTarget, OutreachContact, WatchPlan, InactivityAlert, Handover, ConsentMirror, PersonMirror, HouseholdMirror, OutreachSetting, OrganizationCopy, DestructionLog, ...retentionEntities, IntakeLegalHold, ImportSource, ImportRun, ImportJob];

export const outreachPersistence: ServicePersistence = {
  service: 'outreach',
  entities: outreachEntities,
  migrations: outreachMigrations,
};
