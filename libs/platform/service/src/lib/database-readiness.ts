import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { ReadinessRegistry } from './readiness';

/** Registers the `database` readiness check when the service has a MikroORM connection. */
@Injectable()
export class DatabaseReadiness implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    @Optional() private readonly orm?: MikroORM,
  ) {}

  onModuleInit(): void {
    const orm = this.orm;
    if (!orm) return;
    this.readiness.register('database', async () => {
      await orm.em.getConnection().execute('select 1');
    });
  }
}
