import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126175740 } from './Migration20261126175740';
import { Migration20261201100000 } from './Migration20261201100000';
import { Migration20261203090000 } from './Migration20261203090000';
import { Migration20261203100000 } from './Migration20261203100000';
import { Migration20261203141100 } from './Migration20261203141100';
import { Migration20261203180000 } from './Migration20261203180000';
import { Migration20261204160000 } from './Migration20261204160000';
import { Migration20261208100000 } from './Migration20261208100000';
import { Migration20261210100000 } from './Migration20261210100000';
import { Migration20261211100000 } from './Migration20261211100000';

/** Committed migrations in order (webpack cannot glob this folder). */
export const matchingMigrations: MigrationObject[] = [
  { name: 'Migration20261126175740', class: Migration20261126175740 },
  { name: 'Migration20261201100000', class: Migration20261201100000 },
  { name: 'Migration20261203090000', class: Migration20261203090000 },
  { name: 'Migration20261203100000', class: Migration20261203100000 },
  { name: 'Migration20261203141100', class: Migration20261203141100 },
  { name: 'Migration20261203180000', class: Migration20261203180000 },
  { name: 'Migration20261204160000', class: Migration20261204160000 },
  { name: 'Migration20261208100000', class: Migration20261208100000 },
  { name: 'Migration20261210100000', class: Migration20261210100000 },
  { name: 'Migration20261211100000', class: Migration20261211100000 },
];
