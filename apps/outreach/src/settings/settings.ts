import { Body, Controller, Get, Injectable, Module, Put } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { Audited } from '@tsunagu/platform-audit';
import { CityStaffOnly, Roles } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { InjectConfig } from '@tsunagu/platform-config';
import { VersionProperty } from '@tsunagu/platform-http';
import { assertVersion } from '@tsunagu/platform-persistence';
import type { OutreachConfig } from '../config';
import { OUTREACH_SETTINGS_ROLES, OUTREACH_STAFF_ROLES } from '../shared/roles';
import { OutreachSetting } from './outreach-setting.entity';

export class OutreachSettingsView {
  @ApiProperty({ type: 'integer', description: 'Days without a successful contact before a high-risk target raises an inactivity alert.' })
  inactivityDays!: number;

  @ApiProperty({ description: 'false while the municipality uses the installation default (OUTREACH_INACTIVITY_DAYS_DEFAULT).' })
  customised!: boolean;

  @ApiProperty({ type: 'integer', nullable: true })
  version!: number | null;
}

export class UpdateOutreachSettingsCommand {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 365 })
  @IsInt()
  @Min(1)
  @Max(365)
  inactivityDays!: number;

  @VersionProperty()
  version?: number;
}

/** The municipality's outreach rules (the inactivity rule's N days), falling back to the installation default. */
@Injectable()
export class OutreachSettings {
  constructor(@InjectConfig() private readonly config: OutreachConfig) {}

  async inactivityDays(em: EntityManager): Promise<number> {
    const setting = await em.findOne(OutreachSetting, { municipality: TenantContext.requireMunicipality() });
    return setting?.inactivityDays ?? this.config.OUTREACH_INACTIVITY_DAYS_DEFAULT;
  }

  async view(em: EntityManager): Promise<OutreachSettingsView> {
    const setting = await em.findOne(OutreachSetting, { municipality: TenantContext.requireMunicipality() });
    return { inactivityDays: setting?.inactivityDays ?? this.config.OUTREACH_INACTIVITY_DAYS_DEFAULT, customised: setting !== null, version: setting?.version ?? null };
  }

  async update(em: EntityManager, command: UpdateOutreachSettingsCommand): Promise<OutreachSettingsView> {
    return em.transactional(async (tx) => {
      const municipality = TenantContext.requireMunicipality();
      let setting = await tx.findOne(OutreachSetting, { municipality });
      if (setting) assertVersion({ id: municipality, version: setting.version }, command.version, 'OutreachSetting');
      else {
        setting = new OutreachSetting();
        setting.municipality = municipality;
        tx.persist(setting);
      }
      setting.inactivityDays = command.inactivityDays;
      setting.updatedAt = new Date();
      setting.updatedBy = TenantContext.principal()?.subject ?? 'system';
      await tx.flush();
      return this.view(tx);
    });
  }
}

@ApiTags('settings (設定)')
@Controller('settings')
@Roles(...OUTREACH_STAFF_ROLES)
@Audited('OutreachSetting')
export class OutreachSettingsController {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: OutreachSettings,
  ) {}

  @Get()
  @ApiOkResponse({ type: OutreachSettingsView })
  get(): Promise<OutreachSettingsView> {
    return this.settings.view(this.em);
  }

  @Put()
  @Roles(...OUTREACH_SETTINGS_ROLES)
  @CityStaffOnly()
  @ApiOperation({ summary: 'Set the inactivity rule (N days) of this municipality (supervisor, admin)' })
  @ApiOkResponse({ type: OutreachSettingsView })
  update(@Body() command: UpdateOutreachSettingsCommand): Promise<OutreachSettingsView> {
    return this.settings.update(this.em, command);
  }
}

@Module({ controllers: [OutreachSettingsController], providers: [OutreachSettings], exports: [OutreachSettings] })
export class SettingsModule {}
