/** The match board's columns (提案 / 見学 / 体験 / 参加開始 / 定着 / 中断・終了): 中断 and 終了 share the last one. */
export const BOARD_COLUMNS = [
  { key: 'proposed', statuses: ['proposed'] },
  { key: 'visit', statuses: ['visit'] },
  { key: 'trial', statuses: ['trial'] },
  { key: 'participating', statuses: ['participating'] },
  { key: 'settled', statuses: ['settled'] },
  { key: 'closed', statuses: ['interrupted', 'ended'] },
] as const;

export type BoardColumnKey = (typeof BOARD_COLUMNS)[number]['key'];

/** Matches grouped by board column, in the order given (the API's order); unknown statuses are left out. */
export function boardColumns<T extends { status?: unknown }>(matches: readonly T[]): Array<{ key: BoardColumnKey; items: T[] }> {
  return BOARD_COLUMNS.map((column) => ({ key: column.key, items: matches.filter((match) => (column.statuses as readonly string[]).includes(String(match.status))) }));
}

/** Statuses that end a match and ask for a reason code. */
export const ENDING_STATUSES = ['interrupted', 'ended'] as const;
const FORWARD = ['visit', 'trial', 'participating', 'settled'] as const;

/** The lifecycle buttons of a match: forward steps the API allows (in order), then 中断 / 終了 when allowed. */
export function lifecycleButtons(match: Readonly<Record<string, unknown>>): { forward: string[]; ending: string[] } {
  const allowed = new Set(Array.isArray(match.allowedStatuses) ? match.allowedStatuses.map(String) : []);
  return { forward: FORWARD.filter((status) => allowed.has(status)), ending: ENDING_STATUSES.filter((status) => allowed.has(status)) };
}

export interface Reason {
  factor: string;
  points: number;
  text: string;
}

/** One reason as staff read it: 「火曜午前に参加可能（15点）」. */
export function reasonText(reason: Reason): string {
  return `${reason.text}（${reason.points}点）`;
}

/** The reasons that earned points first (largest first, the engine's factor order otherwise), then those that earned none. */
export function orderedReasons(reasons: readonly Reason[]): Reason[] {
  return reasons
    .map((reason, index) => ({ reason, index }))
    .sort((a, b) => b.reason.points - a.reason.points || a.index - b.index)
    .map(({ reason }) => reason);
}

/** Whether the points add up to the score (the engine guarantees it; the screen says so when they do not). */
export function reasonsAddUp(score: number, reasons: readonly Reason[]): boolean {
  return reasons.reduce((sum, reason) => sum + reason.points, 0) === score;
}

/** The need status buttons: where the server says the need may move next (its `allowedStatuses`), in the status machine's order. */
const NEED_ORDER = ['hearing', 'matching', 'participating', 'paused', 'ended'];

export function needStatusButtons(need: Readonly<Record<string, unknown>>): readonly string[] {
  const allowed = new Set(Array.isArray(need.allowedStatuses) ? need.allowedStatuses.map(String) : []);
  return NEED_ORDER.filter((status) => allowed.has(status));
}
