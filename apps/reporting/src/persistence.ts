import { messagingEntities } from '@tsunagu/platform-messaging';
import type { ServicePersistence } from '@tsunagu/platform-persistence';
import { reportingMigrations } from './migrations';
import { CombinedMeasure, IndicatorDefinition, IndicatorTarget } from './indicators/indicator.entity';
import { JigyoBudget, LogicModelItem } from './logic-model/logic-model.entity';
import { ReportClosure } from './closures/report-closure.entity';
import { ReportingSetting } from './settings/reporting-setting.entity';

/**
 * Listed explicitly: the webpack bundle cannot glob entity or migration folders. Projection tables are
 * not entities: they are plain SQL (projections/projection-schema.ts) so a rebuild can create a shadow set.
 */
export const reportingEntities = [ReportingSetting, IndicatorDefinition, IndicatorTarget, CombinedMeasure, ReportClosure, LogicModelItem, JigyoBudget];

export const reportingPersistence: ServicePersistence = {
  service: 'reporting',
  entities: [...reportingEntities, ...messagingEntities],
  migrations: reportingMigrations,
};
