import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126153450 } from './Migration20261126153450';

/** Committed migrations in order (webpack cannot glob this folder). */
export const intakeMigrations: MigrationObject[] = [{ name: 'Migration20261126153450', class: Migration20261126153450 }];
