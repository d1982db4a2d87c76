import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';
import { District } from './district.entity';

/**
 * 町字 (+ optional 番地 range) → district. Districts follow school districts and split some 町
 * (e.g. 中間町 1–90 belongs to 檀紙 but lies inside 円座's area), so a 町字 alone is not enough.
 */
@Entity({ tableName: 'area_mapping' })
@TenantScoped()
@Index({ properties: ['municipality', 'machiazaCode'] })
export class AreaMapping extends TenantEntity {
  /** アドレス・ベース・レジストリ 町字ID. */
  @Property({ type: 'string', length: 20 })
  machiazaCode!: string;

  @Property({ type: 'string', length: 100 })
  machiazaName!: string;

  @Property({ type: 'integer', nullable: true })
  banchiFrom: number | null = null;

  @Property({ type: 'integer', nullable: true })
  banchiTo: number | null = null;

  @ManyToOne({ entity: () => District, mapToPk: true, fieldName: 'district_id', deleteRule: 'restrict' })
  districtId!: string;

  @Property({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'date', nullable: true })
  validTo: string | null = null;
}
