import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126174710 } from './Migration20261126174710';

/** Committed migrations in order (webpack cannot glob this folder). */
export const outreachMigrations: MigrationObject[] = [{ name: 'Migration20261126174710', class: Migration20261126174710 }];
