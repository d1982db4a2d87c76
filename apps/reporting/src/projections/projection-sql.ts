import type { CloudEvent, EventContract } from '@tsunagu/contracts';
import { startOfJapanDay } from '@tsunagu/util-japanese-calendar';

/**
 * Runs statements with `?` placeholders. Called, it sends one at once and answers its affected row count; `atCommit` is
 * for a projector's last statement, whose count nothing reads — the live projections send it with the inbox
 * transaction's COMMIT (one round trip fewer per event, ADR 0023), the rebuild at once. `ridesWithCommit` says which.
 */
export type SqlRunner = ((sql: string, params: readonly unknown[]) => Promise<number>) & {
  atCommit(sql: string, params: readonly unknown[]): Promise<void>;
  ridesWithCommit(): Promise<boolean>;
};

/**
 * The projector of one record type: the events about it, and how one of them is applied to a projection set (`t` names
 * the set's tables). The caller has recorded the event id in the set's projected_event already, or queued it for the COMMIT
 * on the live path (projector.ts).
 */
export interface RecordProjector {
  events: readonly EventContract[];
  apply(run: SqlRunner, t: (name: string) => string, contract: EventContract, event: CloudEvent): Promise<void>;
}

/** 00:00 in Japan of a `YYYY-MM-DD` date as an ISO instant, or null when the event carried no date. */
export function startOfJapanDate(date: string | null | undefined): string | null {
  return date ? startOfJapanDay(date).toISOString() : null;
}

/** Calendar date in Japan of an instant (Asia/Tokyo has no DST). */
export function japanDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** A district withheld for DV address protection is never stored, even if an event carried one. */
export function withheldDistrict(data: { districtId: string | null; districtWithheld?: boolean }): string | null {
  return data.districtWithheld ? null : data.districtId;
}
