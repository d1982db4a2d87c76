import { Body, Controller, Get, Headers, Patch } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { expectedVersion } from '@tsunagu/platform-http';
import { RegistryAdmin, RegistryReader } from '../shared/access';
import { MunicipalityView, UpdateMunicipalityCommand } from './municipality.dto';
import { GetCurrentMunicipalityUseCase, UpdateCurrentMunicipalityUseCase } from './municipality.usecases';

@ApiTags('municipalities (自治体)')
@RegistryReader()
@Controller('municipalities')
export class MunicipalitiesController {
  constructor(
    private readonly get: GetCurrentMunicipalityUseCase,
    private readonly update: UpdateCurrentMunicipalityUseCase,
  ) {}

  @Get('current')
  @ApiOkResponse({ type: MunicipalityView })
  current(): Promise<MunicipalityView> {
    return this.get.execute();
  }

  @RegistryAdmin('Municipality')
  @Patch('current')
  @ApiHeader({ name: 'If-Match', required: false, description: 'Quoted version the edit is based on (412 when stale).' })
  @ApiOkResponse({ type: MunicipalityView })
  edit(@Body() command: UpdateMunicipalityCommand, @Headers('if-match') ifMatch?: string): Promise<MunicipalityView> {
    return this.update.execute(command, expectedVersion(command.version, ifMatch));
  }
}
