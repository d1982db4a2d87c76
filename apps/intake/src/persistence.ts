import { DestructionBatch, DestructionItem, DestructionLog, LegalHold, RetentionRule } from '@tsunagu/platform-audit';
import { ImportJob, ImportSource } from '@tsunagu/platform-import';
import type { ServicePersistence } from '@tsunagu/platform-persistence';
import { messagingEntities } from '@tsunagu/platform-messaging';
import { EmergencyAccess } from './access/emergency-access.entity';
import { MultiAgencyCase } from './cases/case.entity';
import { Consent } from './consents/consent.entity';
import { Consultation } from './consultations/consultation.entity';
import { DataSubjectRequest } from './data-subject-requests/data-subject-request.entity';
import { MandatoryReport } from './consultations/mandatory-report.entity';
import { Meeting } from './meetings/meeting.entity';
import { MeetingAcknowledgement } from './meetings/meeting-acknowledgement.entity';
import { intakeMigrations } from './migrations';
import { OrganizationCopy } from '@tsunagu/registry-organization-copy';
import { Household } from './people/household.entity';
import { ImportRun } from './import/import.entities';
import { Person } from './people/person.entity';
import { Evaluation } from './plans/evaluation.entity';
import { SupportPlan } from './plans/support-plan.entity';
import { ProgressNote } from './progress-notes/progress-note.entity';
import { Referral } from './referrals/referral.entity';
import { StaffMember } from './staff/staff-member.entity';

/** Listed explicitly: the webpack bundle cannot glob entity or migration folders. */
export const intakeEntities = [...messagingEntities, Person, Household, Consent, Consultation, MandatoryReport, Referral, MultiAgencyCase, SupportPlan, Evaluation, ProgressNote, Meeting, MeetingAcknowledgement, OrganizationCopy, EmergencyAccess,
  RetentionRule, LegalHold, DestructionBatch, DestructionItem, DestructionLog, DataSubjectRequest, ImportSource, ImportRun, ImportJob, StaffMember];

export const intakePersistence: ServicePersistence = {
  service: 'intake',
  entities: intakeEntities,
  migrations: intakeMigrations,
};
