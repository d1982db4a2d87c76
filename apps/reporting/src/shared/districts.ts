import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { liveTable as t, queryProjections } from './live-projections';

/**
 * Code of the by-district row of households whose district intake withholds (a member under DV address
 * protection): counted there, never under a district.
 */
export const UNDISCLOSED_DISTRICT = 'undisclosed';
export const UNDISCLOSED_DISTRICT_LABEL = '非公開';
/** Code of consultations (and other rows) without a district; the tally triggers write it (consultationTallyDdl). */
export const NO_DISTRICT = 'none';

/** The municipality's districts as registry announced them: labels of every by-district breakdown. */
@Injectable()
export class DistrictQueries {
  constructor(private readonly em: EntityManager) {}

  /** 地区番号 and 地区名 of every district of a municipality, by id (labels for the district breakdowns). */
  async districts(municipality: string): Promise<Map<string, { districtNo: number; districtName: string | null }>> {
    const rows = await queryProjections<{
      district_id: string;
      sort_order: number;
      short_name: string | null;
    }>(this.em, `select district_id, sort_order, short_name from ${t('district')} where municipality = ?`, [municipality]);
    return new Map(rows.map((row) => [row.district_id, { districtNo: row.sort_order, districtName: row.short_name }]));
  }

  /** Public names of a municipality's districts, in its own order (labels of by-district measures). */
  async districtNames(municipality: string): Promise<{ districtId: string; districtNo: number; name: string | null }[]> {
    const rows = await queryProjections<{
      district_id: string;
      sort_order: number;
      short_name: string | null;
    }>(this.em, `select district_id, sort_order, short_name from ${t('district')} where municipality = ? order by sort_order, district_id`, [municipality]);
    return rows.map((row) => ({
      districtId: row.district_id,
      districtNo: row.sort_order,
      name: row.short_name,
    }));
  }
}
