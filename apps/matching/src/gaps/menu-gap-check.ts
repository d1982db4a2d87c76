import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { PeriodicJob } from '@tsunagu/platform-observability';
import type { MatchingConfig } from '../config';
import { loadMenuCatalogue, rankOpportunities, type MenuCatalogue } from '../needs/suggest-opportunities.usecase';
import { ParticipationNeed } from '../needs/participation-need.entity';
import { EventRecorder } from '@tsunagu/platform-messaging';
import type { MenuGap } from './menu-gap.entity';
import { insertGap, sameGapToday } from './record-gap';

/** Needs being heard or matched are the ones a missing menu leaves without a place; 参加中, 休止 and 終了 are not. */
const OPEN_STATUSES = ['hearing', 'matching'] as const;

/**
 * Records the menu gap (メニュー不足) of a need nothing fits, in the caller's transaction: run by the need's own writes (an
 * edit, a move to 聴取中/マッチング中) and by the periodic check — never by reading suggestions. A need just registered is
 * still being heard (and intake's protection of the person may still be on its way): the periodic check takes it up.
 */
export async function checkMenuGap(
  em: EntityManager,
  events: EventRecorder,
  need: ParticipationNeed,
  catalogue?: MenuCatalogue,
): Promise<{ gap: MenuGap | null; recorded: boolean }> {
  if (!(OPEN_STATUSES as readonly string[]).includes(need.status)) return { gap: null, recorded: false };
  // Only whether anything passes matters here, not how many are listed.
  const result = rankOpportunities(catalogue ?? (await loadMenuCatalogue(em)), need, 1);
  if (!result.gap) return { gap: null, recorded: false };
  const same = await sameGapToday(em, need, result.gap.failingConstraints);
  if (same) return { gap: same, recorded: false };
  return { gap: await insertGap(em, events, need, result.gap.failingConstraints), recorded: true };
}

export interface MenuGapCheckResult {
  municipality: string;
  /** false when another replica held the municipality's lock and did the work. */
  ran: boolean;
  needsChecked: number;
  gapsRecorded: number;
}

/**
 * The periodic menu-gap check: menus change without anybody touching a need (a resource suspended or retired in the
 * registry, a host's menu ended), so every open need of each municipality is ranked again, under a transaction-scoped
 * advisory lock so replicas never do it twice at once. The same outcome the same day records nothing new.
 */
@Injectable()
export class MenuGapCheckUseCase {
  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventRecorder,
  ) {}

  async execute(): Promise<MenuGapCheckResult[]> {
    const rows = await TenantContext.runAsSystem(undefined, () =>
      this.orm.em
        .fork()
        .getConnection()
        .execute<{ municipality: string }[]>(`select distinct municipality from "matching"."participation_need" where status in ('hearing', 'matching')`),
    );
    const results: MenuGapCheckResult[] = [];
    for (const { municipality } of rows) results.push(await this.forMunicipality(municipality));
    return results;
  }

  async forMunicipality(municipality: string): Promise<MenuGapCheckResult> {
    return TenantContext.runAsSystem(municipality, () =>
      this.orm.em.fork().transactional(async (em) => {
        const [lock] = await em
          .getConnection()
          .execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(hashtext('matching-menu-gaps'), hashtext(?)) as locked`, [municipality], 'all', em.getTransactionContext());
        if (!lock?.locked) return { municipality, ran: false, needsChecked: 0, gapsRecorded: 0 };
        const needs = await em.find(ParticipationNeed, { status: { $in: [...OPEN_STATUSES] } }, { orderBy: { id: 'asc' } });
        // The menus are the same for every need of the municipality: loaded once, not once per need.
        const catalogue = needs.length > 0 ? await loadMenuCatalogue(em) : undefined;
        let gapsRecorded = 0;
        for (const need of needs) if ((await checkMenuGap(em, this.events, need, catalogue)).recorded) gapsRecorded += 1;
        return { municipality, ran: true, needsChecked: needs.length, gapsRecorded };
      }),
    );
  }
}

/** Runs the check every MATCHING_GAP_CHECK_INTERVAL_MS on each replica (0: never); the advisory lock keeps them from overlapping. */
@Injectable()
export class MenuGapCheckScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MenuGapCheck');
  private readonly job = new PeriodicJob(this.logger, 'menu gap check', async () => {
    const recorded = (await this.check.execute()).reduce((sum, result) => sum + result.gapsRecorded, 0);
    if (recorded > 0) this.logger.log(`menu gaps recorded: ${recorded}`);
  });

  constructor(
    private readonly check: MenuGapCheckUseCase,
    @InjectConfig() private readonly config: MatchingConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start(this.config.MATCHING_GAP_CHECK_INTERVAL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }
}
