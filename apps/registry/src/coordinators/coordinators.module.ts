import { Module } from '@nestjs/common';
import { AssignCoordinatorUseCase, GetCoordinatorUseCase, ListCoordinatorsUseCase, UpdateCoordinatorUseCase } from './coordinator.usecases';
import { CoordinatorsController } from './coordinators.controller';

/** 生活支援コーディネーター assignments (layers 1–3). */
@Module({
  controllers: [CoordinatorsController],
  providers: [ListCoordinatorsUseCase, GetCoordinatorUseCase, AssignCoordinatorUseCase, UpdateCoordinatorUseCase],
})
export class CoordinatorsModule {}
