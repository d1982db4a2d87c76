import { OUTREACH_STAGE_LABELS } from '@tsunagu/contracts';

/** The outreach stages in the order a target moves through them (未接触 … 安定, then 終結). */
export const STAGE_ORDER = Object.keys(OUTREACH_STAGE_LABELS) as Array<keyof typeof OUTREACH_STAGE_LABELS>;
export type OutreachStage = (typeof STAGE_ORDER)[number];

/**
 * The stage buttons a target offers: only what the API lists in `allowedStages` (the server decides), never the
 * current stage and never 終結 (closing asks for a reason through its own command), in the stages' order.
 */
export function stageButtons(target: Readonly<Record<string, unknown>>): OutreachStage[] {
  const allowed = new Set(Array.isArray(target.allowedStages) ? target.allowedStages.map(String) : []);
  return STAGE_ORDER.filter((stage) => stage !== target.stage && stage !== 'closed' && allowed.has(stage));
}

/** Chip colour of a stage: not yet reached (default), being approached (warning), connected (success), closed (default). */
export function stageColour(stage: string): 'default' | 'warning' | 'info' | 'success' {
  if (stage === 'attempting' || stage === 'not-contacted') return 'warning';
  if (stage === 'contacted' || stage === 'building-relationship') return 'info';
  if (stage === 'connected' || stage === 'stable') return 'success';
  return 'default';
}
