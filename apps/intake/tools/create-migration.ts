/*
 * Developer command: writes a migration with the diff between intake's entities and its committed
 * migrations, applied to a scratch database. Review it, then list it in src/migrations/index.ts.
 *   DATABASE_URL=postgres://… npx ts-node -r tsconfig-paths/register --project apps/intake/tsconfig.app.json apps/intake/tools/create-migration.ts
 */
import { createMigrationOnScratchDatabase } from '@tsunagu/platform-persistence';
import { join } from 'node:path';
import { intakePersistence } from '../src/persistence';

void createMigrationOnScratchDatabase(intakePersistence, join(__dirname, '../src/migrations')).then((file) => console.log(file ? `wrote ${file}` : 'no changes'));
