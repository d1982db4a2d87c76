import { ArrayType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { PersonProtection } from '@tsunagu/contracts';
import { TenantScoped } from '@tsunagu/platform-persistence';

/**
 * What outreach knows of intake's people, from person.registered / updated / protection-changed: the id, the
 * municipality it belongs to, and the protections in force (ids and codes only — never a name or a place). Targets
 * may name only people of this mirror, in the caller's municipality; a protected person's place is masked.
 */
@Entity({ tableName: 'person_mirror' })
@TenantScoped()
@Index({ properties: ['municipality', 'isProtected'] })
export class PersonMirror {
  @PrimaryKey({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'string', length: 6 })
  municipality!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  protections: PersonProtection[] = [];

  /** Any protection in force (the list filters and the target flag read this). */
  @Property({ type: 'boolean' })
  isProtected = false;

  /** Households the protection extends to. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  householdIds: string[] = [];

  /** Time of the event whose protections were applied (events of one person may arrive out of order: the newest wins). */
  @Property({ type: 'datetime', nullable: true })
  protectionAt: Date | null = null;

  /** Time of the protection-changed event whose households were applied (only those events carry them). */
  @Property({ type: 'datetime', nullable: true })
  householdsAt: Date | null = null;
}

/** intake's households (household.registered / updated): the id and its municipality, for checking ids. */
@Entity({ tableName: 'household_mirror' })
@TenantScoped()
export class HouseholdMirror {
  @PrimaryKey({ type: 'uuid' })
  householdId!: string;

  @Property({ type: 'string', length: 6 })
  municipality!: string;
}
