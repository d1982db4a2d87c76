import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126153450 } from './Migration20261126153450';
import { Migration20261126154558 } from './Migration20261126154558';
import { Migration20261126161500 } from './Migration20261126161500';
import { Migration20261203090000 } from './Migration20261203090000';
import { Migration20261203100000 } from './Migration20261203100000';
import { Migration20261203110000 } from './Migration20261203110000';
import { Migration20261203120000 } from './Migration20261203120000';
import { Migration20261203121000 } from './Migration20261203121000';
import { Migration20261203132812 } from './Migration20261203132812';
import { Migration20261203140000 } from './Migration20261203140000';
import { Migration20261203141000 } from './Migration20261203141000';
import { Migration20261203141100 } from './Migration20261203141100';
import { Migration20261203141500 } from './Migration20261203141500';
import { Migration20261203180000 } from './Migration20261203180000';
import { Migration20261204150000 } from './Migration20261204150000';
import { Migration20261204160000 } from './Migration20261204160000';
import { Migration20261204190000 } from './Migration20261204190000';
import { Migration20261204200000 } from './Migration20261204200000';
import { Migration20261205094000 } from './Migration20261205094000';
import { Migration20261205095000 } from './Migration20261205095000';
import { Migration20261206014000 } from './Migration20261206014000';

/** Committed migrations in order (webpack cannot glob this folder). */
export const intakeMigrations: MigrationObject[] = [
  { name: 'Migration20261126153450', class: Migration20261126153450 },
  { name: 'Migration20261126154558', class: Migration20261126154558 },
  { name: 'Migration20261126161500', class: Migration20261126161500 },
  { name: 'Migration20261203090000', class: Migration20261203090000 },
  { name: 'Migration20261203100000', class: Migration20261203100000 },
  { name: 'Migration20261203110000', class: Migration20261203110000 },
  { name: 'Migration20261203120000', class: Migration20261203120000 },
  { name: 'Migration20261203121000', class: Migration20261203121000 },
  { name: 'Migration20261203132812', class: Migration20261203132812 },
  { name: 'Migration20261203140000', class: Migration20261203140000 },
  { name: 'Migration20261203141000', class: Migration20261203141000 },
  { name: 'Migration20261203141100', class: Migration20261203141100 },
  { name: 'Migration20261203141500', class: Migration20261203141500 },
  { name: 'Migration20261203180000', class: Migration20261203180000 },
  { name: 'Migration20261204150000', class: Migration20261204150000 },
  { name: 'Migration20261204160000', class: Migration20261204160000 },
  { name: 'Migration20261204190000', class: Migration20261204190000 },
  { name: 'Migration20261204200000', class: Migration20261204200000 },
  { name: 'Migration20261205094000', class: Migration20261205094000 },
  { name: 'Migration20261205095000', class: Migration20261205095000 },
  { name: 'Migration20261206014000', class: Migration20261206014000 },
];
