import { Injectable } from '@nestjs/common';
import { todayInJapan, wareki } from '@tsunagu/util-japanese-calendar';
import { type Column, type TidyTable } from '../../shared/tidy-export';
import type { MutualAidQuery } from '../report.dto';
import { MutualAidQueries, type MutualAidDistrictRow } from './mutual-aid.queries';

export interface MutualAidReport {
  title: string;
  municipality: string;
  asOf: string;
  asOfWareki: string;
  rows: MutualAidDistrictRow[];
  /** 「実施地区」: districts running each service, and districts running any of them. */
  totals: {
    visitTypeB: number;
    dayTypeB: number;
    other: number;
    districts: number;
  };
}

/** 住民主体の支え合いサービス実施状況 (DOMAIN §4.4): districts × 訪問型サービスB / 通所型サービスB / その他 (介護保険外). */
@Injectable()
export class MutualAidReportUseCase {
  constructor(private readonly queries: MutualAidQueries) {}

  async execute(municipality: string, query: MutualAidQuery): Promise<MutualAidReport> {
    const asOf = query.asOf ?? todayInJapan();
    const all = await this.queries.mutualAid(municipality, asOf);
    const running = all.filter((row) => row.visitTypeB || row.dayTypeB || row.other);
    return {
      title: '住民主体の支え合いサービス実施状況',
      municipality,
      asOf,
      asOfWareki: wareki(asOf),
      rows: query.includeAll ? all : running,
      totals: {
        visitTypeB: running.filter((row) => row.visitTypeB).length,
        dayTypeB: running.filter((row) => row.dayTypeB).length,
        other: running.filter((row) => row.other).length,
        districts: running.length,
      },
    };
  }

  /** Tidy: one row per district; the 「実施地区」 totals stay in the JSON, never mixed into the data rows. */
  table(report: MutualAidReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    const columns: Column<Record<string, unknown>>[] = [
      { key: 'asOf', header: '基準日' },
      ...(withWareki ? [{ key: 'asOfWareki', header: '基準日（和暦）' }] : []),
      { key: 'districtNo', header: '地区番号' },
      { key: 'districtName', header: '地区名' },
      { key: 'districtId', header: '地区ID' },
      { key: 'visitTypeB', header: '訪問型サービスB' },
      { key: 'dayTypeB', header: '通所型サービスB' },
      { key: 'other', header: 'その他（介護保険外）' },
    ];
    return {
      name: `mutual-aid_${report.asOf}`,
      columns,
      rows: report.rows.map((row) => ({
        asOf: report.asOf,
        asOfWareki: report.asOfWareki,
        ...row,
      })),
    };
  }
}
