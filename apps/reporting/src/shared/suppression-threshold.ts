import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { InjectConfig } from '@tsunagu/platform-config';
import type { ReportingConfig } from '../config';
import { ReportingSetting } from '../settings/reporting-setting.entity';

/** The small-cell threshold of a municipality's published views: its own setting, else the configured default. */
@Injectable()
export class SuppressionThreshold {
  constructor(
    private readonly em: EntityManager,
    @InjectConfig() private readonly config: ReportingConfig,
  ) {}

  async of(municipality: string): Promise<number> {
    const setting = await this.em.findOne(ReportingSetting, { municipality });
    return setting?.suppressionThreshold ?? this.config.REPORTING_SUPPRESSION_THRESHOLD;
  }
}
