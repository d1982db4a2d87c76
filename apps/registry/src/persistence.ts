import type { ServicePersistence } from '@tsunagu/platform-persistence';

export const registryPersistence: ServicePersistence = {
  service: 'registry',
  entities: [],
  migrations: [],
};
