import { Body, Controller, Get, Module, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/core';
import { IsInt, Max, Min } from 'class-validator';
import type { Principal } from '@tsunagu/platform-context';
import { Audited } from '@tsunagu/platform-audit';
import { CityStaffOnly, CurrentPrincipal, Roles } from '@tsunagu/platform-auth';
import { SuppressionThreshold } from '../shared/suppression-threshold';
import { ReportsModule } from '../reports/reports.module';
import { ReportingSetting } from './reporting-setting.entity';

export class ReportingSettingsCommand {
  @ApiProperty({ minimum: 1, maximum: 100, example: 3 })
  @IsInt()
  @Min(1)
  @Max(100)
  suppressionThreshold!: number;
}

@ApiTags('settings')
@Audited('ReportingSetting')
@Controller('settings')
export class SettingsController {
  constructor(
    private readonly em: EntityManager,
    private readonly threshold: SuppressionThreshold,
  ) {}

  @Get()
  @Roles('analyst', 'supervisor', 'admin')
  @ApiOperation({ summary: "The caller's municipality's reporting settings (small-cell threshold of published exports)" })
  async get(@CurrentPrincipal() principal: Principal): Promise<ReportingSettingsCommand> {
    return { suppressionThreshold: await this.threshold.of(principal.municipality) };
  }

  @Put()
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiOperation({ summary: 'Sets the small-cell threshold of published exports for the caller\'s municipality' })
  async put(@CurrentPrincipal() principal: Principal, @Body() command: ReportingSettingsCommand): Promise<ReportingSettingsCommand> {
    const setting = (await this.em.findOne(ReportingSetting, { municipality: principal.municipality })) ?? this.em.create(ReportingSetting, { suppressionThreshold: command.suppressionThreshold } as ReportingSetting);
    setting.suppressionThreshold = command.suppressionThreshold;
    await this.em.persist(setting).flush();
    return { suppressionThreshold: setting.suppressionThreshold };
  }
}

@Module({ imports: [ReportsModule], controllers: [SettingsController] })
export class SettingsModule {}
