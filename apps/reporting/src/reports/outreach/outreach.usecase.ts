import { Injectable } from '@nestjs/common';
import { CONTACT_METHOD_LABELS, CONTACT_RESULT_LABELS, DISCOVERY_ROUTE_LABELS, OUTREACH_CLOSE_REASON_LABELS, OUTREACH_STAGE_LABELS } from '@tsunagu/contracts';
import { DistrictQueries } from '../../shared/districts';
import { measureReport, measureTable, type MeasureDefinition, type MeasureReport } from '../../shared/measure-report';
import { SuppressionThreshold } from '../../shared/suppression-threshold';
import { type TidyTable } from '../../shared/tidy-export';
import type { MeasureReportQuery } from '../report.dto';
import { OutreachQueries } from './outreach.queries';

const OUTREACH_MEASURES: MeasureDefinition[] = [
  {
    measure: 'targets-registered',
    label: '新規把握（発見経路別）',
    codes: DISCOVERY_ROUTE_LABELS,
  },
  {
    measure: 'targets-registered-by-district',
    label: '新規把握（地区別）',
    codes: 'district',
  },
  {
    measure: 'targets-registered-by-stage',
    label: '新規把握した対象の現在の段階',
    codes: OUTREACH_STAGE_LABELS,
  },
  {
    measure: 'contacts',
    label: '接触・訪問延べ回数（結果別）',
    codes: CONTACT_RESULT_LABELS,
  },
  {
    measure: 'contacts-by-method',
    label: '接触・訪問延べ回数（方法別）',
    codes: CONTACT_METHOD_LABELS,
  },
  { measure: 'targets-contacted', label: '接触を試みた実人数', codes: null },
  {
    measure: 'targets-contacted-successfully',
    label: '会えた・話せた実人数',
    codes: null,
  },
  {
    measure: 'targets-newly-connected',
    label: '新たに相談・支援につながった人数',
    codes: null,
  },
  {
    measure: 'targets-handed-over',
    label: '相談受付・多機関協働への引継',
    codes: null,
  },
  {
    measure: 'targets-closed',
    label: '終結（理由別）',
    codes: OUTREACH_CLOSE_REASON_LABELS,
  },
  {
    measure: 'inactivity-alerts',
    label: '長期未接触アラート発生',
    codes: null,
  },
];

/** アウトリーチ等を通じた継続的支援事業 per 年度: targets, contacts, newly connected, hand-overs, closures. */
@Injectable()
export class OutreachReportUseCase {
  constructor(
    private readonly queries: OutreachQueries,
    private readonly districts: DistrictQueries,
    private readonly threshold: SuppressionThreshold,
  ) {}

  async execute(municipality: string, query: MeasureReportQuery): Promise<MeasureReport> {
    const threshold = (query.view ?? 'internal') === 'published' ? await this.threshold.of(municipality) : null;
    return measureReport('アウトリーチ等を通じた継続的支援事業 実施状況', OUTREACH_MEASURES, await this.queries.outreach(municipality, query.fiscalYear), {
      municipality,
      fiscalYear: query.fiscalYear,
      threshold,
      districts: () => this.districts.districtNames(municipality),
    });
  }

  table(report: MeasureReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    return measureTable('outreach', report, withWareki);
  }
}
