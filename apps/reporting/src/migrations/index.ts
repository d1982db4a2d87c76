import { Migration20261127090000 } from './Migration20261127090000';
import { Migration20261128090000 } from './Migration20261128090000';
import { Migration20261128100000 } from './Migration20261128100000';
import { Migration20261128110000 } from './Migration20261128110000';
import { Migration20261128120000 } from './Migration20261128120000';
import { Migration20261128130000 } from './Migration20261128130000';
import { Migration20261201090000 } from './Migration20261201090000';
import { Migration20261203090000 } from './Migration20261203090000';
import { Migration20261203100000 } from './Migration20261203100000';
import { Migration20261203110000 } from './Migration20261203110000';
import { Migration20261203141100 } from './Migration20261203141100';
import { Migration20261203180000 } from './Migration20261203180000';
import { Migration20261204090000 } from './Migration20261204090000';
import { Migration20261204100000 } from './Migration20261204100000';
import { Migration20261204110000 } from './Migration20261204110000';
import { Migration20261204190000 } from './Migration20261204190000';
import { Migration20261205091000 } from './Migration20261205091000';
import { Migration20261208100000 } from './Migration20261208100000';
import { Migration20261210100000 } from './Migration20261210100000';
import { Migration20261211100000 } from './Migration20261211100000';

/** Committed migrations in order (webpack cannot glob this folder). */
export const reportingMigrations = [
  { name: 'Migration20261127090000', class: Migration20261127090000 },
  { name: 'Migration20261128090000', class: Migration20261128090000 },
  { name: 'Migration20261128100000', class: Migration20261128100000 },
  { name: 'Migration20261128110000', class: Migration20261128110000 },
  { name: 'Migration20261128120000', class: Migration20261128120000 },
  { name: 'Migration20261128130000', class: Migration20261128130000 },
  { name: 'Migration20261201090000', class: Migration20261201090000 },
  { name: 'Migration20261203090000', class: Migration20261203090000 },
  { name: 'Migration20261203100000', class: Migration20261203100000 },
  { name: 'Migration20261203110000', class: Migration20261203110000 },
  { name: 'Migration20261203141100', class: Migration20261203141100 },
  { name: 'Migration20261203180000', class: Migration20261203180000 },
  { name: 'Migration20261204090000', class: Migration20261204090000 },
  { name: 'Migration20261204100000', class: Migration20261204100000 },
  { name: 'Migration20261204110000', class: Migration20261204110000 },
  { name: 'Migration20261204190000', class: Migration20261204190000 },
  { name: 'Migration20261205091000', class: Migration20261205091000 },
  { name: 'Migration20261208100000', class: Migration20261208100000 },
  { name: 'Migration20261210100000', class: Migration20261210100000 },
  { name: 'Migration20261211100000', class: Migration20261211100000 },
];
