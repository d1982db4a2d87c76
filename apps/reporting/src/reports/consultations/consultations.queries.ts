import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { UNDISCLOSED_DISTRICT } from '../../shared/districts';
import { liveTable as t, queryProjections } from '../../shared/live-projections';

export type ConsultationDimension = 'total' | 'route' | 'category' | 'issue-tag' | 'district' | 'receiving-organization';

export interface MonthlyCount {
  month: string;
  code: string | null;
  count: number;
}

/** 相談受付件数 from the consultation projection. */
@Injectable()
export class ConsultationsQueries {
  constructor(private readonly em: EntityManager) {}

  /** New consultations (受付, excluding 取消) of a 年度 per month, broken down by one dimension. */
  async consultations(municipality: string, fiscalYear: number, dimension: ConsultationDimension): Promise<MonthlyCount[]> {
    const scope = `c.municipality = ? and c.fiscal_year = ? and c.received_on is not null and not c.cancelled`;
    // Group by day and the raw column first, format months and codes only for the few thousand groups:
    // to_char and uuid→text on each of 1,000,000 rows cost more than the grouping itself. Issue tags are
    // grouped by tag set before unnesting (few distinct sets) rather than unnesting every consultation.
    const column = {
      total: 'null::text',
      route: 'c.route',
      category: 'c.primary_category',
      'issue-tag': 'c.issue_tags',
      // The household's district, copied onto the consultation by the projector (no join).
      district: 'c.district_id',
      'receiving-organization': 'c.receiving_organization_id',
    }[dimension];
    const code = dimension === 'issue-tag' ? 'tag' : dimension === 'district' ? `case when g.withheld then '${UNDISCLOSED_DISTRICT}' else g.code::text end` : 'g.code::text';
    // A household whose district intake withholds (DV address protection) is counted in the 「非公開」 row.
    const withheld = dimension === 'district' ? 'c.district_withheld' : 'false';
    const sql = `select to_char(g.day, 'YYYY-MM') as month, ${code} as code, sum(g.n) as count
       from (select c.received_on as day, ${column} as code, ${withheld} as withheld, count(*) as n from ${t('consultation')} c where ${scope} group by 1, 2, 3) as g
       ${dimension === 'issue-tag' ? 'cross join lateral unnest(g.code) as tag' : ''}
       group by 1, 2 order by 1, 2 nulls last`;
    const rows = await queryProjections<{
      month: string;
      code: string | null;
      count: string;
    }>(this.em, sql, [municipality, fiscalYear]);
    return rows.map((row) => ({
      month: row.month,
      code: row.code,
      count: Number(row.count),
    }));
  }
}
