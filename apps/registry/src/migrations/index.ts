import { Migration20261126151859 } from './Migration20261126151859';
import { Migration20261126152827 } from './Migration20261126152827';
import { Migration20261203141100 } from './Migration20261203141100';
import { Migration20261203180000 } from './Migration20261203180000';
import { Migration20261208100000 } from './Migration20261208100000';
import { Migration20261209100000 } from './Migration20261209100000';
import { Migration20261210100000 } from './Migration20261210100000';
import { Migration20261211100000 } from './Migration20261211100000';

/** Committed migrations in order (webpack cannot glob this folder). */
export const registryMigrations = [
  { name: 'Migration20261126151859', class: Migration20261126151859 },
  { name: 'Migration20261126152827', class: Migration20261126152827 },
  { name: 'Migration20261203141100', class: Migration20261203141100 },
  { name: 'Migration20261203180000', class: Migration20261203180000 },
  { name: 'Migration20261208100000', class: Migration20261208100000 },
  { name: 'Migration20261209100000', class: Migration20261209100000 },
  { name: 'Migration20261210100000', class: Migration20261210100000 },
  { name: 'Migration20261211100000', class: Migration20261211100000 },
];
