import { Body, Controller, Get, Headers, Module, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '@tsunagu/platform-audit';
import { CityStaffOnly, Roles } from '@tsunagu/platform-auth';
import { optionalVersion } from '@tsunagu/platform-http';
import { MENU_ROLES, SETTINGS_ROLES, STAFF_ROLES } from '../shared/roles';
import { UpdateWeightsCommand, WeightsView } from './settings.dto';
import { GetWeightsUseCase, UpdateWeightsUseCase } from './weights.usecase';

@ApiTags('settings (設定)')
@Controller('settings')
@Audited('MatchingSettings')
export class SettingsController {
  constructor(
    private readonly get: GetWeightsUseCase,
    private readonly update: UpdateWeightsUseCase,
  ) {}

  @Get('weights')
  @Roles(...new Set([...STAFF_ROLES, ...MENU_ROLES]))
  @ApiOperation({ summary: 'Scoring weights of this municipality (maximum points per factor)' })
  @ApiOkResponse({ type: WeightsView })
  weights(): Promise<WeightsView> {
    return this.get.execute();
  }

  @Put('weights')
  @Roles(...SETTINGS_ROLES)
  @CityStaffOnly()
  @ApiOperation({ summary: 'Set the scoring weights (admin); suggestions use them at once' })
  @ApiOkResponse({ type: WeightsView })
  setWeights(@Body() command: UpdateWeightsCommand, @Headers('if-match') ifMatch?: string): Promise<WeightsView> {
    return this.update.execute(command, optionalVersion(command.version, ifMatch));
  }
}

/** Per-municipality settings: the engine's weights. */
@Module({ controllers: [SettingsController], providers: [GetWeightsUseCase, UpdateWeightsUseCase] })
export class SettingsModule {}
