import { BeforeCreate, Filter, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { v7 as uuidv7 } from 'uuid';

export const MUNICIPALITY_FILTER = 'municipality';

/**
 * The municipality the current work is restricted to: its code, undefined for system work (no restriction), and null
 * for anything else without a municipality (which then matches no tenant's row).
 */
export function tenantCondition(): string | null | undefined {
  const context = TenantContext.current();
  if (context?.municipality) return context.municipality;
  if (context?.system) return undefined;
  return null;
}

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
      const municipality = tenantCondition();
      if (municipality === undefined) return {};
      return municipality === null ? { municipality: { $eq: null } } : { municipality };
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
