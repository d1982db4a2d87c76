import { Migration20261126151859 } from './Migration20261126151859';

/** Committed migrations in order (webpack cannot glob this folder). */
export const registryMigrations = [{ name: 'Migration20261126151859', class: Migration20261126151859 }];
