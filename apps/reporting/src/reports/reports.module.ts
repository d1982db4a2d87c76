import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module';
import { JigyoQueries } from './jigyo-queries';
import { JigyoReportUseCase } from './jigyo-report.usecase';
import { ReportQueries } from './report-queries';
import { ReportsController } from './reports.controller';
import {
  CasesReportUseCase,
  ConsultationsReportUseCase,
  IndicatorsReportUseCase,
  MutualAidReportUseCase,
  OutreachReportUseCase,
  ParticipationReportUseCase,
  ReferralsReportUseCase,
} from './reports.usecases';

@Module({
  imports: [ProjectionsModule],
  controllers: [ReportsController],
  providers: [
    ReportQueries,
    MutualAidReportUseCase,
    ConsultationsReportUseCase,
    ReferralsReportUseCase,
    CasesReportUseCase,
    IndicatorsReportUseCase,
    OutreachReportUseCase,
    ParticipationReportUseCase,
    JigyoQueries,
    JigyoReportUseCase,
  ],
  exports: [ReportQueries, ConsultationsReportUseCase, IndicatorsReportUseCase, JigyoReportUseCase],
})
export class ReportsModule {}
