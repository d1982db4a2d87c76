import { BeforeCreate, Filter, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { v7 as uuidv7 } from 'uuid';

export const MUNICIPALITY_FILTER = 'municipality';

/**
 * Restricts every read, update and delete of the decorated entity to the municipality of the
 * current request. System work (migrations, demo data, relays) runs without the restriction;
 * anything else without a municipality fails closed instead of seeing every tenant.
 */
export const TenantScoped = (): ClassDecorator =>
  Filter({
    name: MUNICIPALITY_FILTER,
    default: true,
    args: false,
    cond: () => {
      const context = TenantContext.current();
      if (context?.municipality) return { municipality: context.municipality };
      if (context?.system) return {};
      return { municipality: { $eq: null } };
    },
  }) as ClassDecorator;

/**
 * Base of every record a municipality owns: a UUIDv7 id, the owning municipality (全国地方公共団体コード),
 * timestamps in UTC and an optimistic-lock version that conflicting edits are checked against.
 */
export abstract class TenantEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'string', length: 6, index: true })
  municipality!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;

  @BeforeCreate()
  protected assignMunicipality(): void {
    this.municipality ??= TenantContext.requireMunicipality();
  }
}
