import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { fiscalYearRange } from '@tsunagu/util-japanese-calendar';
import { UNDISCLOSED_DISTRICT } from '../../shared/districts';
import { liveTable as t } from '../../shared/live-projections';
import { measureCounts, type MeasureCount } from '../../shared/measure-report';

/** アウトリーチ from the target, contact and alert projections. */
@Injectable()
export class OutreachQueries {
  constructor(private readonly em: EntityManager) {}

  /** アウトリーチ per 年度: targets found, contacts, newly connected, handed over, closed, inactivity alerts. */
  async outreach(municipality: string, fiscalYear: number): Promise<MeasureCount[]> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const target = `${t('outreach_target')} where municipality = ?`;
    const contact = `${t('outreach_contact')} where municipality = ? and contacted_on between ?::date and ?::date`;
    return measureCounts(
      this.em,
      `select 'targets-registered' as measure, discovery_route as code, count(*) as count from ${target} and registered_on between ?::date and ?::date group by 2
       union all select 'targets-registered-by-district', case when district_withheld then '${UNDISCLOSED_DISTRICT}' else district_id::text end, count(*) from ${target} and registered_on between ?::date and ?::date group by 2
       union all select 'targets-registered-by-stage', stage, count(*) from ${target} and registered_on between ?::date and ?::date group by 2
       union all select 'contacts', result, count(*) from ${contact} group by 2
       union all select 'contacts-by-method', method, count(*) from ${contact} group by 2
       union all select 'targets-contacted', null, count(distinct target_id) from ${contact}
       union all select 'targets-contacted-successfully', null, count(distinct target_id) from ${contact} and successful
       union all select 'targets-newly-connected', null, count(*) from ${target} and connected_on between ?::date and ?::date
       union all select 'targets-handed-over', null, count(*) from ${target} and handed_over_on between ?::date and ?::date
       union all select 'targets-closed', close_reason, count(*) from ${target} and closed_on between ?::date and ?::date group by 2
       union all select 'inactivity-alerts', null, count(*) from ${t('outreach_alert')} where municipality = ? and raised_on between ?::date and ?::date`,
      [...Array(11)].flatMap(() => [municipality, start, end]),
    );
  }
}
