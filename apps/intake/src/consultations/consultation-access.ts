import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { ABUSE_TAG_LAWS, type ConsultationCategory, type IssueTag } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { pgArray, type PlainRow } from '@tsunagu/platform-persistence';
import { PersonVisibility } from '../access/person-visibility';
import { withhold } from '../access/withholding';
import { ConsentCoverage } from '../consents/consent-coverage';
import type { Consultation } from './consultation.entity';
import type { ConsultationView } from './consultation.dto';
import { consultationView } from './consultation.view';

/**
 * Only the receiving desk changes a consultation (its 受付票): staff and systems of another contracted desk may see it
 * through a relationship with the person, but answer with referrals and progress notes of their own. City staff keep
 * the municipality's hand on every desk's record.
 */
export function assertReceivingDesk(consultation: Pick<Consultation, 'id' | 'receivingOrganizationId'>): void {
  const agency = TenantContext.principal()?.agency;
  if (agency === undefined || agency === consultation.receivingOrganizationId) return;
  throw new DomainException(DomainErrorCode.Forbidden, 'Only the desk that received this consultation can change it', { consultationId: consultation.id });
}

/** 要配慮個人情報 among the categories: health and disability, DV and abuse (APPI 法2条3項, DOMAIN §5.1). */
const SENSITIVE_CATEGORIES: ReadonlySet<ConsultationCategory> = new Set(['health-disability', 'dv-abuse']);
/** Issue tags that reveal health, disability, abuse or DV. */
const SENSITIVE_TAGS: ReadonlySet<IssueTag> = new Set([...(Object.keys(ABUSE_TAG_LAWS) as IssueTag[]), 'dementia', 'mental-health', 'suicide-risk']);

/**
 * What of a consultation the caller reads (field-level sensitivity, docs/security/access-model.md). The receiving desk
 * (own duty), city staff who read city-wide and the system read everything. Another desk that sees the consultation
 * through a relationship reads the 主訴 and the sensitive categories and tags only on a basis: a consent of the person
 * that covers the desk, a referral on this consultation to the desk (made under consent, 106条の6 or a 通報), or
 * attendance at a 支援会議 (社福法106条の6) about the person. Otherwise those fields are null and named in `withheldFields`.
 */
@Injectable()
export class ConsultationDisclosure {
  constructor(
    private readonly people: PersonVisibility,
    private readonly coverage: ConsentCoverage,
  ) {}

  async views(em: EntityManager, consultations: readonly PlainRow<Consultation>[]): Promise<ConsultationView[]> {
    const principal = TenantContext.principal();
    const all = this.people.reach(principal).kind === 'all';
    const desk = this.people.organizationOf(principal) ?? null;
    const others = all ? [] : consultations.filter((consultation) => consultation.receivingOrganizationId !== desk);
    const disclosed = await this.basisFor(em, others, desk);
    return consultations.map((consultation) => {
      const view = consultationView(consultation);
      if (all || consultation.receivingOrganizationId === desk || disclosed.has(consultation.id)) return view;
      const fields: ('mainComplaint' | 'categories' | 'primaryCategory' | 'issueTags')[] = ['mainComplaint'];
      if (consultation.categories.some((category) => SENSITIVE_CATEGORIES.has(category))) fields.push('categories', 'primaryCategory');
      if (consultation.issueTags.some((tag) => SENSITIVE_TAGS.has(tag))) fields.push('issueTags');
      return withhold(view, fields, 'consent-scope');
    });
  }

  /** Ids of the consultations with a basis for the desk to read them in full. */
  private async basisFor(em: EntityManager, consultations: readonly PlainRow<Consultation>[], desk: string | null): Promise<Set<string>> {
    const shown = new Set<string>();
    if (consultations.length === 0 || desk === null) return shown;
    const ids = consultations.map((consultation) => consultation.id);
    const referred = (await em.getConnection().execute(
      `select distinct r.consultation_id as id from "intake"."referral" r where r.consultation_id = any(?::uuid[]) and r.to_organization_id = ? and r.status <> 'declined'` +
        ` and (r.consent_id is null or exists (select 1 from "intake"."consent" k where k.id = r.consent_id and k.status = 'obtained' and k.withdrawn_at is null))`,
      [pgArray(ids), desk],
      'all',
      em.getTransactionContext(),
    )) as { id: string }[];
    for (const row of referred) shown.add(row.id);
    const personIds = [...new Set(consultations.map((consultation) => consultation.personId).filter((id): id is string => id !== null))];
    const meetingBasis = personIds.length
      ? ((await em.getConnection().execute(
          `select distinct p.id from "intake"."person" p join "intake"."multi_agency_case" mc on mc.key_person_id = p.id` +
            ` join "intake"."meeting" mt on mt.cases @> jsonb_build_array(jsonb_build_object('caseId', mc.id::text))` +
            ` where p.id = any(?::uuid[]) and mt.legal_type = 'support-meeting-106-6' and mt.status <> 'cancelled' and mt.attendees @> jsonb_build_array(jsonb_build_object('organizationId', ?::text))`,
          [pgArray(personIds), desk],
          'all',
          em.getTransactionContext(),
        )) as { id: string }[])
      : [];
    const basis = new Set(meetingBasis.map((row) => row.id));
    for (const personId of personIds) if (!basis.has(personId) && (await this.coverage.coveringConsent(em, personId, desk))) basis.add(personId);
    for (const consultation of consultations) if (consultation.personId && basis.has(consultation.personId)) shown.add(consultation.id);
    return shown;
  }
}
