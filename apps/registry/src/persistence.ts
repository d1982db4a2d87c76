import { messagingEntities } from '@tsunagu/platform-messaging';
import type { ServicePersistence } from '@tsunagu/platform-persistence';
import { Municipality } from './municipalities/municipality.entity';
import { District } from './districts/district.entity';
import { AreaMapping } from './districts/area-mapping.entity';
import { Organization } from './organizations/organization.entity';
import { CommunityResource } from './resources/community-resource.entity';
import { Coordinator } from './coordinators/coordinator.entity';
import { Council } from './councils/council.entity';
import { CouncilMeeting } from './councils/council-meeting.entity';
import { registryMigrations } from './migrations';

/** Listed explicitly: the webpack bundle cannot glob entity or migration folders. */
export const registryEntities = [Municipality, District, AreaMapping, Organization, CommunityResource, Coordinator, Council, CouncilMeeting];

/** Registry entities plus the transactional outbox/inbox tables. */
const entities = [...registryEntities, ...messagingEntities];

export const registryPersistence: ServicePersistence = {
  service: 'registry',
  entities,
  migrations: registryMigrations,
};
