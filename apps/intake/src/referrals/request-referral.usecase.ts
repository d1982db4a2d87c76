import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { LEGAL_BASIS_LABELS, ReferralRequested } from '@tsunagu/contracts';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { addBusinessDays, todayInJapan } from '@tsunagu/util-japanese-calendar';
import type { IntakeConfig } from '../config';
import { ConsentCoverage } from '../consents/consent-coverage';
import { Consultation } from '../consultations/consultation.entity';
import { MandatoryReport } from '../consultations/mandatory-report.entity';
import { PersonVisibility } from '../access/person-visibility';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { Referral } from './referral.entity';
import type { ReferralView, RequestReferralCommand } from './referral.dto';
import { referralEventData, referralView } from './referral.view';
import { assertKnownOrganizations } from '@tsunagu/registry-organization-copy';
import { assertUseNotSuspended } from '../data-subject-requests/suspension';

/**
 * Sends a person to another organisation (つなぎ). Information may leave only under a basis that
 * allows it: a consent that covers the receiving organisation, a 社福法106条の6 支援会議, or a 通報.
 */
@Injectable()
export class RequestReferralUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly coverage: ConsentCoverage,
    private readonly people: PersonVisibility,
    @InjectConfig() private readonly config: IntakeConfig,
  ) {}

  async execute(command: RequestReferralCommand): Promise<ReferralView> {
    return this.em.transactional(async (em) => {
      const consultation = await this.people.findVisible(em, Consultation, 'Consultation', command.consultationId, this.people.consultationFilter());
      await assertKnownOrganizations(em, { fromOrganizationId: command.fromOrganizationId, toOrganizationId: command.toOrganizationId });
      if (consultation.status === 'cancelled') {
        throw new DomainException(DomainErrorCode.Conflict, `Consultation ${consultation.receptionNo} was cancelled (取消); nothing can be referred from it`);
      }
      // A contracted desk refers from itself; city staff refer for the receiving desk unless they name another.
      const agency = TenantContext.principal()?.agency;
      if (agency !== undefined && command.fromOrganizationId !== undefined && command.fromOrganizationId !== agency) {
        throw new DomainException(DomainErrorCode.Forbidden, 'A desk refers from its own desk only', { errors: { fromOrganizationId: 'must be your own desk' } });
      }
      // A 利用停止 in force (issue 19): no new つなぎ hands the person's data to another organisation.
      await assertUseNotSuspended(em, consultation.personId, 'a referral');
      const from = command.fromOrganizationId ?? agency ?? consultation.receivingOrganizationId;
      if (from === command.toOrganizationId) throw DomainException.invalidField('toOrganizationId', 'an organisation cannot refer to itself');

      const referral = new Referral();
      referral.consultationId = consultation.id;
      referral.personId = consultation.personId;
      referral.fromOrganizationId = from;
      referral.toOrganizationId = command.toOrganizationId;
      referral.infoBasis = command.infoBasis;
      await this.assertBasis(em, referral, consultation, command);

      if (command.referredOn && command.referredOn > todayInJapan()) throw DomainException.invalidField('referredOn', 'must not be in the future');
      referral.referredOn = command.referredOn ?? todayInJapan();
      referral.followUpDue = addBusinessDays(referral.referredOn, this.config.INTAKE_REFERRAL_FOLLOW_UP_BUSINESS_DAYS);
      referral.accompanied = command.accompanied ?? false;
      referral.requestNote = command.requestNote ?? null;
      em.persist(referral);
      await em.flush();
      this.events.record(em, ReferralRequested, referral.id, referralEventData(referral));
      return referralView(referral, TenantContext.principal());
    });
  }

  private async assertBasis(em: EntityManager, referral: Referral, consultation: Consultation, command: RequestReferralCommand): Promise<void> {
    const to = command.toOrganizationId;
    switch (command.infoBasis) {
      case 'consent': {
        const consent = consultation.personId ? await this.coverage.coveringConsent(em, consultation.personId, to) : null;
        if (!consent) {
          throw new DomainException(
            DomainErrorCode.ConsentRequired,
            `No consent of the person covers sharing with organisation ${to}, and no 社福法106条の6 basis was given: record consent (関係機関との情報共有 or 特定機関への提供) first, or refer under a 支援会議 (infoBasis support-meeting-106-6).`,
            { organizationId: to, personId: consultation.personId, errors: { infoBasis: 'no consent covers the receiving organisation' } },
          );
        }
        referral.consentId = consent.id;
        return;
      }
      case 'support-meeting-106-6':
        if (!command.basisNote?.trim()) throw DomainException.invalidField('basisNote', 'name the 支援会議 (社福法106条の6) that decided the sharing');
        referral.basisNote = command.basisNote.trim();
        return;
      case 'mandatory-report': {
        const report = await em.findOne(MandatoryReport, { consultationId: consultation.id }, { orderBy: { createdAt: 'desc' } });
        if (!report) {
          throw new DomainException(DomainErrorCode.ConsentRequired, 'No 通報 record exists on this consultation, so the 通報 basis does not apply; refer with consent or under a 106条の6 支援会議.', {
            errors: { infoBasis: 'no mandatory report on this consultation' },
          });
        }
        referral.mandatoryReportId = report.id;
        return;
      }
      default:
        throw new DomainException(
          DomainErrorCode.ConsentRequired,
          `The basis ${LEGAL_BASIS_LABELS[command.infoBasis]} does not allow handing the person's information to another organisation; use 本人同意, 社福法106条の6支援会議 or 通報.`,
          { errors: { infoBasis: 'not a basis for sharing with another organisation' } },
        );
    }
  }
}
