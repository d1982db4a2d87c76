import type { EntityManager } from '@mikro-orm/core';
import { ABUSE_LAW_LABELS, ABUSE_TAG_LAWS, MandatoryReportRaised, type ConsultationEventData } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import { assertExist, type PlainRow } from '@tsunagu/platform-persistence';
import { searchText } from '@tsunagu/util-japanese-text';
import { dateInJapan, fiscalYearOf, fiscalYearRange, startOfJapanDay } from '@tsunagu/util-japanese-calendar';
import { Household } from '../people/household.entity';
import { Person } from '../people/person.entity';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { allowedConsultationActions } from './consultation-status';
import type { Consultation } from './consultation.entity';
import type { ConsultationView, MandatoryReportView, UpdateConsultationCommand } from './consultation.dto';
import { MandatoryReport } from './mandatory-report.entity';

export function consultationView(consultation: PlainRow<Consultation>): ConsultationView {
  return {
    id: consultation.id,
    receptionNo: consultation.receptionNo,
    fiscalYear: consultation.fiscalYear,
    receivedAt: consultation.receivedAt.toISOString(),
    recordedAt: consultation.createdAt.toISOString(),
    receivingOrganizationId: consultation.receivingOrganizationId,
    receiverStaff: consultation.receiverStaff,
    route: consultation.route,
    referrerOrganizationId: consultation.referrerOrganizationId,
    personId: consultation.personId,
    householdId: consultation.householdId,
    consultantRelation: consultation.consultantRelation,
    consultantRelationDetail: consultation.consultantRelationDetail,
    categories: [...consultation.categories],
    primaryCategory: consultation.primaryCategory,
    issueTags: [...consultation.issueTags],
    mainComplaint: consultation.mainComplaint,
    urgency: consultation.urgency,
    consentStatus: consultation.consentStatus,
    jigyoAttribution: consultation.jigyoAttribution,
    disposition: consultation.disposition,
    status: consultation.status,
    allowedActions: [...allowedConsultationActions(consultation.status)],
    closedAt: consultation.closedAt?.toISOString() ?? null,
    cancellationReason: consultation.cancellationReason,
    version: consultation.version,
    withheldFields: [],
  };
}

/** A clock a few minutes ahead on the client is not a future date. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * 受付日時 entered by staff: not in the future, and not before the previous 年度 — a consultation taken on 3/31 and typed
 * on 4/1 still counts in its 年度, while a closed 年度 whose 実績報告 has long been submitted is not silently changed.
 * Returns the 年度 it falls in.
 */
export function checkReceivedAt(receivedAt: Date, now = new Date(), options: { historical?: boolean } = {}): number {
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw DomainException.invalidField('receivedAt', 'must not be in the future');
  if (options.historical) return fiscalYearOf(dateInJapan(receivedAt));
  const earliest = fiscalYearRange(fiscalYearOf(dateInJapan(now)) - 1).start;
  if (receivedAt < startOfJapanDay(earliest)) {
    throw DomainException.invalidField('receivedAt', `may go back to the start of the previous 年度 (${earliest}) at most`);
  }
  return fiscalYearOf(dateInJapan(receivedAt));
}

export function consultationEventData(consultation: Consultation): ConsultationEventData {
  return {
    consultationId: consultation.id,
    receptionNo: consultation.receptionNo,
    receivingOrganizationId: consultation.receivingOrganizationId,
    fiscalYear: consultation.fiscalYear,
    receivedAt: consultation.receivedAt.toISOString(),
    recordedAt: consultation.createdAt.toISOString(),
    personId: consultation.personId,
    householdId: consultation.householdId,
    route: consultation.route,
    primaryCategory: consultation.primaryCategory,
    categories: [...consultation.categories],
    issueTags: [...consultation.issueTags],
    urgency: consultation.urgency,
    consentStatus: consultation.consentStatus,
    jigyoAttribution: consultation.jigyoAttribution,
    disposition: consultation.disposition,
    status: consultation.status,
  };
}

export function mandatoryReportView(report: MandatoryReport): MandatoryReportView {
  return {
    id: report.id,
    consultationId: report.consultationId,
    personId: report.personId,
    law: report.law,
    lawLabel: ABUSE_LAW_LABELS[report.law],
    issueTag: report.issueTag,
    status: report.status,
    decidedAt: report.decidedAt?.toISOString() ?? null,
    decidedBy: report.decidedBy,
    reportedTo: report.reportedTo,
    note: report.note,
    version: report.version,
  };
}

export async function applyConsultationFields(em: EntityManager, consultation: Consultation, fields: Omit<UpdateConsultationCommand, 'version'>): Promise<void> {
  for (const field of ['route', 'consultantRelation', 'categories', 'primaryCategory', 'urgency', 'consentStatus', 'jigyoAttribution'] as const) {
    if (fields[field] === null) throw DomainException.invalidField(field, `${field} cannot be empty`);
  }
  if (fields.route !== undefined) consultation.route = fields.route;
  if (fields.referrerOrganizationId !== undefined) consultation.referrerOrganizationId = fields.referrerOrganizationId;
  if (fields.personId !== undefined) consultation.personId = fields.personId;
  if (fields.householdId !== undefined) consultation.householdId = fields.householdId;
  if (fields.consultantRelation !== undefined) consultation.consultantRelation = fields.consultantRelation;
  if (fields.consultantRelationDetail !== undefined) consultation.consultantRelationDetail = fields.consultantRelationDetail;
  if (fields.categories !== undefined) consultation.categories = [...fields.categories];
  if (fields.primaryCategory !== undefined) consultation.primaryCategory = fields.primaryCategory;
  if (fields.issueTags !== undefined) consultation.issueTags = [...(fields.issueTags ?? [])];
  if (fields.mainComplaint !== undefined) consultation.mainComplaint = fields.mainComplaint;
  if (fields.urgency !== undefined) consultation.urgency = fields.urgency;
  if (fields.consentStatus !== undefined) consultation.consentStatus = fields.consentStatus;
  if (fields.jigyoAttribution !== undefined) consultation.jigyoAttribution = fields.jigyoAttribution;
  if (!consultation.categories.includes(consultation.primaryCategory)) {
    throw DomainException.invalidField('primaryCategory', 'the primary category (◎) must be one of categories');
  }
  await assertExist(em, Person, [consultation.personId], 'personId');
  await assertExist(em, Household, [consultation.householdId], 'householdId');
  consultation.searchText = searchText(consultation.receptionNo, consultation.mainComplaint);
}

/**
 * Gives a checked consultation its 受付番号 (nextReceptionNumber), and the search text that carries it. No query: the
 * desk's counter row stays locked from the number to the COMMIT, so nothing is checked again after it.
 */
export function assignReceptionNumber(consultation: Consultation, number: { seq: number; receptionNo: string }): void {
  consultation.receptionSeq = number.seq;
  consultation.receptionNo = number.receptionNo;
  consultation.searchText = searchText(consultation.receptionNo, consultation.mainComplaint);
}

/** Opens a 通報 record for every abuse tag that has none yet on this consultation. */
export async function raiseMandatoryReports(em: EntityManager, events: EventRecorder, consultation: Consultation): Promise<void> {
  // Most consultations carry no abuse tag: no query for them (a reception's runs while its desk's counter is locked).
  if (!consultation.issueTags.some((tag) => ABUSE_TAG_LAWS[tag])) return;
  const existing = await em.find(MandatoryReport, { consultationId: consultation.id }, { fields: ['law'] });
  const known = new Set(existing.map((report) => report.law));
  for (const tag of consultation.issueTags) {
    const law = ABUSE_TAG_LAWS[tag];
    if (!law || known.has(law)) continue;
    known.add(law);
    const report = new MandatoryReport();
    report.consultationId = consultation.id;
    report.personId = consultation.personId;
    report.law = law;
    report.issueTag = tag;
    em.persist(report);
    await em.flush();
    events.record(em, MandatoryReportRaised, report.id, {
      mandatoryReportId: report.id,
      consultationId: consultation.id,
      law,
      issueTag: tag,
      status: report.status,
    });
  }
}
