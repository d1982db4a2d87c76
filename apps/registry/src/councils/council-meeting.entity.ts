import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import { Council } from './council.entity';

/**
 * One sitting of a council. Minutes hold local issues and agreed actions, never case details about a
 * person (those belong in intake's 支援会議 records).
 */
@Entity({ tableName: 'council_meeting' })
@TenantScoped()
@Index({ properties: ['council', 'heldOn'] })
export class CouncilMeeting extends TenantEntity {
  @ManyToOne({ entity: () => Council, mapToPk: true, fieldName: 'council_id', deleteRule: 'restrict' })
  council!: string;

  @Property({ type: 'date' })
  heldOn!: string;

  @Property({ type: 'integer', nullable: true })
  participantsCount: number | null = null;

  @Property({ type: 'json' })
  issuesRaised: string[] = [];

  @Property({ type: 'json' })
  actionsAgreed: string[] = [];
}
