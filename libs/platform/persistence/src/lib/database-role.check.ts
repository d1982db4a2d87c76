import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { describeError } from '@tsunagu/platform-observability';
import { databaseRoleFacts, DATABASE_ROLE_SQL, rowLevelSecurityGap, type DatabaseRoleFacts } from './database-role';
import type { ServicePersistence } from './orm-options';
import { pgArray } from './pg-array';
import { LEAKPROOF_SEARCH_FUNCTIONS } from './row-level-security';

export const SERVICE_PERSISTENCE = Symbol('SERVICE_PERSISTENCE');

/**
 * Says at startup whether row-level security holds the service's database role: a superuser, a BYPASSRLS role or the
 * tables' owner (one DATABASE_URL for migrations and service) is not held back by the policies, so a forgotten
 * municipality filter would not be caught by the database (ADR 0012). A warning, not a refusal: simple setups run so.
 */
@Injectable()
export class DatabaseRoleCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('DatabaseRole');
  facts?: DatabaseRoleFacts;

  constructor(
    private readonly orm: MikroORM,
    @Inject(SERVICE_PERSISTENCE) private readonly service: ServicePersistence,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const rows = await this.orm.em
        .getConnection()
        .execute(DATABASE_ROLE_SQL.replace('$1', '?').replace('$2', '?'), [this.service.service, pgArray(LEAKPROOF_SEARCH_FUNCTIONS)]);
      this.facts = databaseRoleFacts(rows[0] as Record<string, unknown>);
      const gap = rowLevelSecurityGap(this.facts);
      if (gap) this.logger.warn(`row-level security is not in force: ${gap}. Run the service as an application role and migrations as the owner (DATABASE_MIGRATION_URL; docs/operations/database-roles.md)`);
      else this.logger.log(`row-level security in force for role ${this.facts.role}`);
      if (!gap && this.facts.notLeakproof.length > 0) {
        this.logger.warn(`searches cannot use their indexes under row-level security: ${this.facts.notLeakproof.join(', ')} not LEAKPROOF in this database (a superuser marks them once: docs/operations/database-roles.md)`);
      }
    } catch (error) {
      this.logger.warn(`could not check the database role: ${describeError(error)}`);
    }
  }
}
