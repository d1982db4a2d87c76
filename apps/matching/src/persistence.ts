import { DestructionLog } from '@tsunagu/platform-audit';
import type { ServicePersistence } from '@tsunagu/platform-persistence';
import { messagingEntities } from '@tsunagu/platform-messaging';
import { ConsentCopy } from './consents/consent-copy.entity';
import { FollowUp } from './follow-ups/follow-up.entity';
import { MenuGap } from './gaps/menu-gap.entity';
import { Host } from './hosts/host.entity';
import { Match } from './matches/match.entity';
import { matchingMigrations } from './migrations';
import { ParticipationNeed } from './needs/participation-need.entity';
import { Opportunity } from './opportunities/opportunity.entity';
import { OrganizationCopy } from '@tsunagu/registry-organization-copy';
import { PersonCopy } from './people/person-copy.entity';
import { MatchingSettings } from './settings/matching-settings.entity';

/** Listed explicitly: the webpack bundle cannot glob entity or migration folders. */
export const matchingEntities = [...messagingEntities, ParticipationNeed, Host, Opportunity, Match, FollowUp, MenuGap, MatchingSettings, ConsentCopy, PersonCopy, OrganizationCopy, DestructionLog];

export const matchingPersistence: ServicePersistence = {
  service: 'matching',
  entities: matchingEntities,
  migrations: matchingMigrations,
};
