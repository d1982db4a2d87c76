import { Migration20261127090000 } from './Migration20261127090000';

/** Committed migrations in order (webpack cannot glob this folder). */
export const reportingMigrations = [{ name: 'Migration20261127090000', class: Migration20261127090000 }];
