import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import { searchText } from '@tsunagu/util-japanese-text';

/**
 * 職員名簿: a member of staff as the console shows them — records keep staff by login subject only (`authorStaff`,
 * `chairStaff`, a watcher's subject), and the display name comes from the staff member's own access token when they
 * sign in to the console (`name` claim). Machine clients are not staff and are never listed.
 */
@Entity({ tableName: 'staff_member' })
@TenantScoped()
@Unique({ name: 'staff_member_subject_unique', properties: ['municipality', 'subject'] })
@Index({ name: 'staff_member_search_text_trgm', expression: 'create index "staff_member_search_text_trgm" on "intake"."staff_member" using gin ("search_text" gin_trgm_ops)' })
export class StaffMember extends TenantEntity {
  /** `sub` of the staff member's tokens: what records keep. */
  @Property({ type: 'string', length: 200 })
  subject!: string;

  @Property({ type: 'string', length: 100 })
  displayName!: string;

  /** The desk (`agency` claim), or the city's desk for city staff; null when the city has none configured. */
  @Property({ type: 'uuid', nullable: true })
  organizationId: string | null = null;

  /** Null for a line the demo data entered (the person never signed in). */
  @Property({ type: 'datetime', nullable: true })
  lastSignedInAt: Date | null = null;

  /** staffSearchText of the name and subject (written by the sign-in's upsert, which runs no entity hooks). */
  @Property({ type: 'text', lazy: true })
  searchText = '';
}

/** Display name (with and without its spaces) and login subject, normalised like every search column. */
export function staffSearchText(displayName: string, subject: string): string {
  return searchText(displayName, displayName.replace(/\s+/g, ''), subject);
}
