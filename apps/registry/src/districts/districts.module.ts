import { Module } from '@nestjs/common';
import { ListAreaMappingsUseCase, RegisterAreaMappingUseCase, UpdateAreaMappingUseCase } from './area-mapping.usecases';
import { AreaMappingsController, DistrictsController } from './districts.controller';
import { GetDistrictUseCase, ListDistrictsUseCase } from './list-districts.usecase';
import { RegisterDistrictUseCase } from './register-district.usecase';
import { UpdateDistrictUseCase } from './update-district.usecase';

/** 地区 and 町字→地区 mappings. */
@Module({
  controllers: [DistrictsController, AreaMappingsController],
  providers: [
    ListDistrictsUseCase,
    GetDistrictUseCase,
    RegisterDistrictUseCase,
    UpdateDistrictUseCase,
    ListAreaMappingsUseCase,
    RegisterAreaMappingUseCase,
    UpdateAreaMappingUseCase,
  ],
})
export class DistrictsModule {}
