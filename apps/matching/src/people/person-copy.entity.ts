import { ArrayType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { PersonProtection } from '@tsunagu/contracts';
import { TenantScoped } from '@tsunagu/platform-persistence';

/**
 * What matching knows of intake's people, from person.registered / updated / protection-changed: the id, its
 * municipality and the protections in force (ids and codes only). A need may name only a person of this copy, in the
 * caller's municipality; a protected person's home and preferred districts are masked.
 */
@Entity({ tableName: 'person_copy' })
@TenantScoped()
@Index({ properties: ['municipality', 'isProtected'] })
export class PersonCopy {
  @PrimaryKey({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'string', length: 6 })
  municipality!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  protections: PersonProtection[] = [];

  /** Any protection in force. */
  @Property({ type: 'boolean' })
  isProtected = false;

  /** Time of the protection event applied (events of one person may arrive out of order: the newest wins). */
  @Property({ type: 'datetime', nullable: true })
  protectionAt: Date | null = null;
}
