import type { EntityManager } from '@mikro-orm/core';
import type { RetentionAction } from '@tsunagu/contracts';
import { ImportSource } from '@tsunagu/platform-import';
import { pgArray } from '@tsunagu/platform-persistence';
import { InactivityAlert } from '../alerts/inactivity-alert.entity';
import { OutreachContact } from '../contacts/outreach-contact.entity';
import { Handover } from '../handover/handover.entity';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { WatchPlan } from '../watch/watch-plan.entity';

/**
 * What destroying targets means in outreach, in the caller's transaction: `erase` clears the place, notes, contact notes
 * and companions' names and keeps the coded rows (stage, dates, codes); `delete` deletes the targets with their
 * contacts, watch plans, alerts and hand-overs; either way their import sources are deleted. Used for outreach's own
 * retention and for intake's person.destroyed.
 */
export async function destroyTargets(em: EntityManager, targetIds: string[], action: RetentionAction): Promise<void> {
  if (targetIds.length === 0) return;
  // The old system's keys the targets and their contacts were imported under (データ取込) go with them, whatever the action.
  const contactIds = (await em.find(OutreachContact, { targetId: { $in: targetIds } }, { fields: ['id'] })).map((contact) => contact.id);
  await em.nativeDelete(ImportSource, { targetId: { $in: [...targetIds, ...contactIds] } });
  if (action === 'delete') {
    for (const entity of [InactivityAlert, WatchPlan, OutreachContact, Handover]) await em.nativeDelete(entity, { targetId: { $in: targetIds } });
    await em.nativeDelete(OutreachTarget, { id: { $in: targetIds } });
    return;
  }
  await em.nativeUpdate(OutreachTarget, { id: { $in: targetIds } }, { locationDescription: null, note: null });
  await em.nativeUpdate(Handover, { targetId: { $in: targetIds } }, { note: null });
  await em.getConnection().execute(
    `update "outreach"."outreach_contact" set "observation_note" = null, "next_action" = null,
       "accompanied_by" = coalesce((select jsonb_agg(c || '{"name": null}'::jsonb) from jsonb_array_elements("accompanied_by") c), '[]'::jsonb)
      where "target_id" = any(?::uuid[])`,
    [pgArray(targetIds)],
    'run',
    em.getTransactionContext(),
  );
}
