import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { CouncilLayer, CouncilStatus } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import { District } from '../districts/district.entity';

/** Who sits on a council: an organisation and/or a role (e.g. 民生委員, 老人クラブ). */
export interface CouncilMember {
  organizationId?: string;
  role: string;
}

/**
 * 協議体: layer 1 for the whole city (高松市高齢者保健福祉・介護保険制度運営協議会), layer 2 per district
 * (in Takamatsu the 地域福祉ネットワーク会議).
 */
@Entity({ tableName: 'council' })
@TenantScoped()
@Index({ properties: ['municipality', 'layer'] })
export class Council extends TenantEntity {
  @Property({ type: 'smallint' })
  layer!: CouncilLayer;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @ManyToOne({ entity: () => District, mapToPk: true, fieldName: 'district_id', nullable: true, deleteRule: 'restrict' })
  districtId: string | null = null;

  @Property({ type: 'date', nullable: true })
  establishedOn: string | null = null;

  @Property({ type: 'json' })
  members: CouncilMember[] = [];

  @Property({ type: 'string', length: 20 })
  status: CouncilStatus = 'preparing';
}
