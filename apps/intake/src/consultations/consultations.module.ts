import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { ConsultationDisclosure } from './consultation-access';
import { ConsultationsController } from './consultations.controller';
import { DecideMandatoryReportUseCase, ListMandatoryReportsUseCase } from './decide-mandatory-report.usecase';
import { GetConsultationUseCase, ListConsultationsUseCase } from './list-consultations.usecase';
import { MandatoryReportsController } from './mandatory-reports.controller';
import { ReceiveConsultationUseCase } from './receive-consultation.usecase';
import { TransitionConsultationUseCase } from './transition-consultation.usecase';
import { UpdateConsultationUseCase } from './update-consultation.usecase';

/** 相談受付 (包括的相談支援事業) and the 通報 records abuse tags open. */
@Module({
  imports: [ConsentsModule],
  controllers: [ConsultationsController, MandatoryReportsController],
  providers: [
    ConsultationDisclosure,
    ListConsultationsUseCase,
    GetConsultationUseCase,
    ReceiveConsultationUseCase,
    UpdateConsultationUseCase,
    TransitionConsultationUseCase,
    ListMandatoryReportsUseCase,
    DecideMandatoryReportUseCase,
  ],
  exports: [GetConsultationUseCase, ReceiveConsultationUseCase],
})
export class ConsultationsModule {}
