import type { EntityManager } from '@mikro-orm/core';
import { CASE_STATUS_LABELS, CaseTrackChanged, PlanUpdated, ProgressNoted } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import type { Consent } from '../consents/consent.entity';
import type { ConsentCoverage } from '../consents/consent-coverage';
import { SupportPlan } from '../plans/support-plan.entity';
import { planEventData } from '../plans/plan.view';
import { ProgressNote } from '../progress-notes/progress-note.entity';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { MultiAgencyCase } from './case.entity';
import { caseEventData } from './case.view';

/**
 * Consent withdrawn (撤回) closes what it opened (issue 13, DOMAIN §2.5): every open case the consent had put on the 重層
 * track goes back to the 支援会議 (社福法106条の6) track at 潜在, unless another obtained consent of the key person for the
 * 重層的支援会議 still carries it. Organisations that joined while the case rested on the consent leave it (their sharing
 * had no other basis); a plan awaiting the 重層的支援会議 goes back to 下書き, since no consent-based venue may discuss it.
 * The move is an event (CaseTrackChanged) and a 支援経過 entry on the case, so the timeline shows it. With a new consent the
 * case moves forward again (record-consent: 潜在 → アセスメント中).
 */
export async function returnCasesOfWithdrawnConsent(em: EntityManager, events: EventRecorder, coverage: ConsentCoverage, consent: Consent): Promise<MultiAgencyCase[]> {
  // The withdrawal decides for the person: cases are found whoever withdraws it, not through the caller's visibility.
  const cases = await em.find(MultiAgencyCase, { consentId: consent.id, track: 'consented', status: { $ne: 'closed' } });
  const returned: MultiAgencyCase[] = [];
  for (const record of cases) {
    const other = await coverage.jusouConsent(em, record.keyPersonId);
    if (other) {
      record.consentId = other.id;
      await em.flush();
      continue;
    }
    const previous = record.status;
    const leaving = record.consentMemberOrganizationIds;
    record.track = 'pre-consent';
    record.consentId = null;
    record.status = 'potential';
    record.memberOrganizationIds = record.memberOrganizationIds.filter((id) => !leaving.includes(id));
    if (record.leadOrganizationId && leaving.includes(record.leadOrganizationId)) record.leadOrganizationId = null;
    record.consentMemberOrganizationIds = [];
    await em.flush();
    events.record(em, CaseTrackChanged, record.id, caseEventData(record));

    for (const plan of await em.find(SupportPlan, { caseId: record.id, status: 'submitted' })) {
      plan.status = 'draft';
      await em.flush();
      events.record(em, PlanUpdated, plan.id, planEventData(plan));
    }

    const principal = TenantContext.principal();
    const note = new ProgressNote();
    note.caseId = record.id;
    note.occurredAt = consent.withdrawnAt ?? new Date();
    note.kind = 'other';
    note.legalBasis = 'own-duty';
    note.authorStaff = principal?.subject ?? 'system';
    note.authorOrganizationId = principal?.agency ?? null;
    note.text = [
      '本人同意（重層的支援会議での共有）の撤回により、支援会議（社会福祉法第106条の6）のトラックに戻りました（潜在）。',
      `撤回時の状況: ${CASE_STATUS_LABELS[previous]}。`,
      leaving.length > 0 ? `同意に基づいて加わった ${leaving.length} 機関はケースの構成機関から外れました。` : '',
      '新たな同意を記録すると重層トラックに戻せます。',
    ].join('');
    em.persist(note);
    await em.flush();
    events.record(em, ProgressNoted, note.id, {
      noteId: note.id,
      caseId: note.caseId,
      consultationId: null,
      kind: note.kind,
      legalBasis: note.legalBasis,
      authorOrganizationId: note.authorOrganizationId,
    });
    returned.push(record);
  }
  return returned;
}
