import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module';
import { DistrictQueries } from '../shared/districts';
import { SuppressionThreshold } from '../shared/suppression-threshold';
import { CasesQueries } from './cases/cases.queries';
import { CasesReportUseCase } from './cases/cases.usecase';
import { ConsultationsQueries } from './consultations/consultations.queries';
import { ConsultationsReportUseCase } from './consultations/consultations.usecase';
import { IndicatorActualsQueries } from './indicators/indicator-actuals.queries';
import { IndicatorsReportUseCase } from './indicators/indicators-report.usecase';
import { JigyoQueries } from './jigyo/jigyo-queries';
import { JigyoReportUseCase } from './jigyo/jigyo-report.usecase';
import { MutualAidQueries } from './mutual-aid/mutual-aid.queries';
import { MutualAidReportUseCase } from './mutual-aid/mutual-aid.usecase';
import { OutreachQueries } from './outreach/outreach.queries';
import { OutreachReportUseCase } from './outreach/outreach.usecase';
import { ParticipationQueries } from './participation/participation.queries';
import { ParticipationReportUseCase } from './participation/participation.usecase';
import { ReferralsQueries } from './referrals/referrals.queries';
import { ReferralsReportUseCase } from './referrals/referrals.usecase';
import { ReportsController } from './reports.controller';

/** One folder per report (its use case with its table shape, and its queries); districts and the threshold are shared. */
@Module({
  imports: [ProjectionsModule],
  controllers: [ReportsController],
  providers: [
    DistrictQueries,
    SuppressionThreshold,
    MutualAidQueries,
    MutualAidReportUseCase,
    ConsultationsQueries,
    ConsultationsReportUseCase,
    ReferralsQueries,
    ReferralsReportUseCase,
    CasesQueries,
    CasesReportUseCase,
    OutreachQueries,
    OutreachReportUseCase,
    ParticipationQueries,
    ParticipationReportUseCase,
    IndicatorActualsQueries,
    IndicatorsReportUseCase,
    JigyoQueries,
    JigyoReportUseCase,
  ],
  exports: [SuppressionThreshold, IndicatorsReportUseCase, JigyoReportUseCase],
})
export class ReportsModule {}
