import { Module } from '@nestjs/common';
import { MunicipalitiesController } from './municipalities.controller';
import { GetCurrentMunicipalityUseCase, UpdateCurrentMunicipalityUseCase } from './municipality.usecases';

/** The tenant's own settings (年度 start, 重層 / 106条の6 switches). */
@Module({
  controllers: [MunicipalitiesController],
  providers: [GetCurrentMunicipalityUseCase, UpdateCurrentMunicipalityUseCase],
})
export class MunicipalitiesModule {}
