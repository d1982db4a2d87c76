import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { pgArray } from '@tsunagu/platform-persistence';
import { endOfJapanDay, fiscalYearRange, japaneseHolidaysBetween } from '@tsunagu/util-japanese-calendar';
import { liveTable as t, queryProjections } from '../../shared/live-projections';

export interface ReferralFigures {
  byStatus: Record<string, number>;
  requested: number;
  accepted: number;
  declined: number;
  medianBusinessDaysToFirstContact: number | null;
  overdue: {
    referralId: string;
    consultationId: string;
    toOrganizationId: string;
    status: string;
    followUpDue: string;
  }[];
}

/** つなぎ from the referral projection. */
@Injectable()
export class ReferralsQueries {
  constructor(private readonly em: EntityManager) {}

  /**
   * Referrals requested in a 年度: statuses, acceptance, business days to first contact, overdue follow-ups.
   * Business days are counted as intake counts them for the follow-up due date (util-japanese-calendar):
   * weekdays except 国民の祝日・振替休日, whose dates go into the query as a parameter.
   */
  async referrals(municipality: string, fiscalYear: number, today: string): Promise<ReferralFigures> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const params = [municipality, new Date(`${start}T00:00:00+09:00`).toISOString(), endOfJapanDay(end)];
    const scope = `municipality = ? and requested_at >= ? and requested_at < ?`;
    const statuses = await queryProjections<{ status: string; count: string }>(this.em, `select status, count(*) as count from ${t('referral')} where ${scope} group by status`, params);
    const [summary] = await queryProjections<{
      requested: string;
      accepted: string;
      declined: string;
      median: string | null;
    }>(
      this.em,
      // Business days from request to first contact = business days up to the contact day minus those up to the request day,
      // read from one running count over the calendar (a series per referral took 0.3 s of the report at 200,000 referrals).
      `with completed as (select (requested_at at time zone 'Asia/Tokyo')::date as requested_on, (completed_at at time zone 'Asia/Tokyo')::date as completed_on
         from ${t('referral')} where ${scope} and completed_at is not null),
       calendar as (select day::date as day, count(*) filter (where extract(isodow from day) < 6 and day::date <> all(?::date[])) over (order by day) as business_days
         from generate_series((select min(requested_on) from completed), (select max(completed_on) from completed), interval '1 day') as day)
       select count(*) as requested,
         count(*) filter (where accepted_at is not null or completed_at is not null) as accepted,
         count(*) filter (where declined_at is not null and accepted_at is null and completed_at is null) as declined,
         (select percentile_cont(0.5) within group (order by greatest(0, coalesce(contacted.business_days, 0) - coalesce(requested.business_days, 0)))
          from completed c left join calendar requested on requested.day = c.requested_on left join calendar contacted on contacted.day = c.completed_on) as median
       from ${t('referral')} where ${scope}`,
      // A referral requested in the 年度 may be completed after it: holidays up to a year past its end.
      [...params, pgArray(japaneseHolidaysBetween(start, `${fiscalYear + 2}-03-31`)), ...params],
    );
    const overdue = await queryProjections<{
      referral_id: string;
      consultation_id: string;
      to_organization_id: string;
      status: string;
      follow_up_due: string;
    }>(
      this.em,
      `select referral_id, consultation_id, to_organization_id, status, to_char(follow_up_due, 'YYYY-MM-DD') as follow_up_due from ${t('referral')}
       where ${scope} and status in ('requested', 'accepted') and follow_up_due < ? order by follow_up_due, referral_id limit 1000`,
      [...params, today],
    );
    return {
      byStatus: Object.fromEntries(statuses.map((row) => [row.status, Number(row.count)])),
      requested: Number(summary.requested),
      accepted: Number(summary.accepted),
      declined: Number(summary.declined),
      medianBusinessDaysToFirstContact: summary.median === null ? null : Number(summary.median),
      overdue: overdue.map((row) => ({
        referralId: row.referral_id,
        consultationId: row.consultation_id,
        toOrganizationId: row.to_organization_id,
        status: row.status,
        followUpDue: row.follow_up_due,
      })),
    };
  }
}
