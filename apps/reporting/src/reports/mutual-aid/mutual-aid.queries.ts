import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { endOfJapanDay } from '@tsunagu/util-japanese-calendar';
import { liveTable as t, queryProjections } from '../../shared/live-projections';

export interface MutualAidDistrictRow {
  districtId: string;
  /** sortOrder of DistrictRegistered: the municipality's own district numbering. */
  districtNo: number | null;
  /** 地区名 (public place name); null for districts whose events predate the names. */
  districtName: string | null;
  districtKana: string | null;
  visitTypeB: boolean;
  dayTypeB: boolean;
  other: boolean;
}

/** 住民主体の支え合いサービス: resources as of a date, per district. */
@Injectable()
export class MutualAidQueries {
  constructor(private readonly em: EntityManager) {}

  /** Districts × (訪問B, 通所B, その他) from resources that were active and public at the end of `asOf` (Japan time). */
  async mutualAid(municipality: string, asOf: string): Promise<MutualAidDistrictRow[]> {
    const rows = await queryProjections<{
      district_id: string;
      sort_order: number | null;
      short_name: string | null;
      kana: string | null;
      visit_b: boolean;
      day_b: boolean;
      other: boolean;
    }>(
      this.em,
      `with latest as (
         select distinct on (resource_id) resource_id, status, category, insurance_scheme, public, district_ids
         from ${t('resource_fact')} where municipality = ? and occurred_at < ?
         order by resource_id, occurred_at desc, event_id desc),
       running as (
         select unnest(district_ids) as district_id,
           category = 'visit-type-b' as visit_b,
           category = 'day-type-b' as day_b,
           insurance_scheme = 'non-insurance' and category not in ('visit-type-b', 'day-type-b') as other
         from latest where status = 'active' and public),
       per_district as (
         select district_id, bool_or(visit_b) as visit_b, bool_or(day_b) as day_b, bool_or(other) as other from running group by district_id)
       select coalesce(d.district_id, p.district_id) as district_id, d.sort_order, d.short_name, d.kana,
         coalesce(p.visit_b, false) as visit_b, coalesce(p.day_b, false) as day_b, coalesce(p.other, false) as other
       from (select * from ${t('district')} where municipality = ?) d full join per_district p on p.district_id = d.district_id
       order by d.sort_order nulls last, 1`,
      [municipality, endOfJapanDay(asOf), municipality],
    );
    return rows.map((row) => ({
      districtId: row.district_id,
      districtNo: row.sort_order,
      districtName: row.short_name,
      districtKana: row.kana,
      visitTypeB: row.visit_b,
      dayTypeB: row.day_b,
      other: row.other,
    }));
  }
}
