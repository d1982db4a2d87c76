import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { recordAuditSubjects } from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { paging } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { listPage, type ListPage, assertVersion } from '@tsunagu/platform-persistence';
import { addDays, dateInJapan, fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { Person } from '../people/person.entity';
import { validateCorrections } from './correction';
import { DataSubjectRequest, type RequestHistoryEntry } from './data-subject-request.entity';
import type {
  CreateDataSubjectRequestCommand,
  DataSubjectRequestListQuery,
  DataSubjectRequestView,
  DecideDataSubjectRequestCommand,
  ExtendDataSubjectRequestCommand,
} from './data-subject-request.dto';
import { DECISION_DAYS, EXTENSION_DAYS, REQUEST_NO_PREFIX, type RequestKind, type RequestStatus } from './request-codes';

export function requestView(request: DataSubjectRequest, today = todayInJapan()): DataSubjectRequestView {
  const due = request.extendedDueOn ?? request.dueOn;
  return {
    id: request.id,
    kind: request.kind,
    requestNo: request.requestNo,
    personId: request.personId,
    requestedAt: request.requestedAt.toISOString(),
    requesterRelation: request.requesterRelation,
    identityVerification: request.identityVerification,
    receivedBy: request.receivedBy,
    dueOn: request.dueOn,
    extendedDueOn: request.extendedDueOn,
    extensionReason: request.extensionReason,
    overdue: request.status === 'received' && due < today,
    status: request.status,
    decision: request.decision,
    decisionReason: request.decisionReason,
    article78Grounds: [...request.article78Grounds],
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decidedBy: request.decidedBy,
    completedAt: request.completedAt?.toISOString() ?? null,
    completedBy: request.completedBy,
    liftedAt: request.liftedAt?.toISOString() ?? null,
    liftedBy: request.liftedBy,
    requestText: request.requestText,
    details: request.details,
    history: request.history,
    version: request.version,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
  };
}

/** The acting officer (the controller admits city supervisors and admins only). */
export function officer(): string {
  const principal = TenantContext.principal();
  if (!principal) throw new DomainException(DomainErrorCode.Unauthenticated, 'No caller');
  return principal.subject;
}

export function historyEntry(action: RequestHistoryEntry['action'], status: RequestStatus, extra: Pick<RequestHistoryEntry, 'before' | 'after'> = {}): RequestHistoryEntry {
  return {
    at: new Date().toISOString(),
    by: officer(),
    action,
    status,
    ...extra,
  };
}

/**
 * 開示・訂正・利用停止請求: receive (受付, with the 15-day due date), extend once (+30 days), decide (決定) and list. What
 * completing a request does depends on its kind (CompleteDataSubjectRequestUseCase). Every call names the person in the
 * audit record.
 */
@Injectable()
export class DataSubjectRequestsUseCase {
  constructor(private readonly em: EntityManager) {}

  async list(query: DataSubjectRequestListQuery): Promise<ListPage<DataSubjectRequestView>> {
    const page = paging(query, ['requestedAt', 'dueOn', 'requestNo', 'createdAt'], '-requestedAt');
    const where: FilterQuery<DataSubjectRequest> = {
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.personId ? { personId: query.personId } : {}),
    };
    const [items, total] = await this.em.findAndCount(DataSubjectRequest, where, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    recordAuditSubjects(items.map((item) => item.personId));
    const today = todayInJapan();
    return listPage(
      items.map((item) => requestView(item, today)),
      total,
      page,
    );
  }

  async get(id: string): Promise<DataSubjectRequest> {
    const request = await this.em.findOne(DataSubjectRequest, { id });
    if (!request) throw DomainException.notFound('DataSubjectRequest', id);
    recordAuditSubjects([request.personId]);
    return request;
  }

  async create(command: CreateDataSubjectRequestCommand): Promise<DataSubjectRequestView> {
    const receivedBy = officer();
    const requestedAt = command.requestedAt ? new Date(command.requestedAt) : new Date();
    if (requestedAt.getTime() > Date.now() + 60_000) throw DomainException.invalidField('requestedAt', 'the request cannot be in the future');
    const details = await validateDetails(command);
    return this.em.transactional(async (em) => {
      if (!(await em.findOne(Person, { id: command.personId }))) throw DomainException.invalidField('personId', 'no person with this id');
      recordAuditSubjects([command.personId]);
      const requestDay = dateInJapan(requestedAt);
      const request = Object.assign(new DataSubjectRequest(), {
        kind: command.kind,
        requestNo: await nextRequestNo(em, command.kind, fiscalYearOf(requestDay)),
        personId: command.personId,
        requestedAt,
        requesterRelation: command.requesterRelation,
        identityVerification: command.identityVerification,
        receivedBy,
        dueOn: addDays(requestDay, DECISION_DAYS),
        requestText: command.requestText ?? null,
        details,
        history: [historyEntry('received', 'received')],
      });
      em.persist(request);
      await em.flush();
      return requestView(request);
    });
  }

  async extend(id: string, command: ExtendDataSubjectRequestCommand, expected?: number): Promise<DataSubjectRequestView> {
    return this.em.transactional(async (em) => {
      const request = await this.load(em, id, expected);
      if (request.status !== 'received') throw DomainException.invalidTransition('DataSubjectRequest', request.status, 'extend', ['received']);
      if (request.extendedDueOn) throw new DomainException(DomainErrorCode.Conflict, `Request ${request.requestNo} was already extended once (法83条2項: 30日以内に限り延長)`);
      request.extendedDueOn = addDays(request.dueOn, EXTENSION_DAYS);
      request.extensionReason = command.reason;
      request.history = [...request.history, historyEntry('extended', 'received')];
      await em.flush();
      return requestView(request);
    });
  }

  async decide(id: string, command: DecideDataSubjectRequestCommand, expected?: number): Promise<DataSubjectRequestView> {
    if (command.decision !== 'granted' && !command.reason?.trim()) throw DomainException.invalidField('reason', 'a partial or refused decision gives its reason (法82条・行政手続法8条)');
    return this.em.transactional(async (em) => {
      const request = await this.load(em, id, expected);
      if (request.status !== 'received') throw DomainException.invalidTransition('DataSubjectRequest', request.status, 'decide', ['received']);
      if (command.article78Grounds?.length && request.kind !== 'disclosure') throw DomainException.invalidField('article78Grounds', '不開示情報 are named in a disclosure decision only');
      if (command.approvedFields !== undefined) {
        if (request.kind !== 'correction' || command.decision !== 'partially-granted')
          throw DomainException.invalidField('approvedFields', 'only a partial approval of a 訂正請求 names the fields it approves');
        const asked = Object.keys((request.details['corrections'] ?? {}) as Record<string, unknown>);
        const stray = command.approvedFields.find((field) => !asked.includes(field));
        if (stray) throw DomainException.invalidField('approvedFields', `${stray} was not asked to be corrected`);
        request.details = {
          ...request.details,
          approvedFields: [...new Set(command.approvedFields)],
        };
      } else if (request.kind === 'correction' && command.decision === 'partially-granted') {
        throw DomainException.invalidField('approvedFields', 'a partial approval names the fields it approves');
      }
      request.decision = command.decision;
      request.decisionReason = command.reason?.trim() || null;
      request.article78Grounds = [...new Set(command.article78Grounds ?? [])];
      request.decidedAt = new Date();
      request.decidedBy = officer();
      request.status = command.decision === 'refused' ? 'refused' : 'decided';
      request.history = [...request.history, historyEntry('decided', request.status)];
      await em.flush();
      return requestView(request);
    });
  }

  /**
   * 開示済: the pack was handed over (or sent) after a 全部開示 / 一部開示 decision. A 訂正 or 利用停止 is completed by
   * applying it (ApplyDataSubjectRequestUseCase).
   */
  async completeDisclosure(em: EntityManager, request: DataSubjectRequest): Promise<void> {
    if (request.status !== 'decided') throw DomainException.invalidTransition('DataSubjectRequest', request.status, 'complete', ['decided']);
    request.status = 'completed';
    request.completedAt = new Date();
    request.completedBy = officer();
    request.history = [...request.history, historyEntry('completed', 'completed')];
    await em.flush();
  }

  /** Loads a request for a change, checking the version the change is based on. */
  async load(em: EntityManager, id: string, expected?: number): Promise<DataSubjectRequest> {
    const request = await em.findOne(DataSubjectRequest, { id });
    if (!request) throw DomainException.notFound('DataSubjectRequest', id);
    assertVersion(request, expected, 'DataSubjectRequest');
    recordAuditSubjects([request.personId]);
    return request;
  }
}

async function validateDetails(command: CreateDataSubjectRequestCommand): Promise<Record<string, unknown>> {
  if (command.kind !== 'correction' && command.corrections !== undefined) throw DomainException.invalidField('corrections', 'only a 訂正請求 carries corrections');
  if (command.kind !== 'suspension' && command.suspensionScope !== undefined) throw DomainException.invalidField('suspensionScope', 'only a 利用停止請求 carries a scope');
  if (command.kind === 'correction') return { corrections: await validateCorrections(command.corrections) };
  if (command.kind === 'suspension') return { scope: command.suspensionScope ?? 'sharing' };
  return {};
}

async function nextRequestNo(em: EntityManager, kind: RequestKind, fiscalYear: number): Promise<string> {
  const prefix = `${REQUEST_NO_PREFIX[kind]}-${fiscalYear}-`;
  const rows = (await em
    .getConnection()
    .execute(
      `select coalesce(max(substring("request_no" from ${prefix.length + 1})::int), 0) as last from "intake"."data_subject_request" where "municipality" = ? and "request_no" like ?`,
      [TenantContext.requireMunicipality(), `${prefix}%`],
      'all',
      em.getTransactionContext(),
    )) as { last: number }[];
  return `${prefix}${String(Number(rows[0]?.last ?? 0) + 1).padStart(4, '0')}`;
}
