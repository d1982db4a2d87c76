import { ChangeSetType, type EventArgs, type EventSubscriber, type FlushEventArgs, type TransactionEventArgs } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';
import { normaliseSubjectIds } from './audit-record';
import { currentPendingAudit, type PendingAudit } from './audit-pending';
import type { AuditService } from './audit.service';

const DEFAULT_SUBJECT_ENTITIES = ['Person', 'Household'];
const DEFAULT_SUBJECT_PROPERTIES = ['personId', 'personIds', 'householdId', 'keyPersonId'];

/**
 * Writes a write request's audit record inside the business transaction (ADR 0011): just before the request's
 * first root transaction commits, the pending record of the request context is inserted through that transaction,
 * so the change and its record commit together or not at all — no chain lock, no record lost to a crash after the
 * commit. The insert travels with the COMMIT in one round trip (sendWithCommit). What the change tells is added first: the id of a created entity of the route's resource type (for
 * creates) and the subject ids of every changed entity (its own id for persons and households, and its person or
 * household references).
 */
export class AuditTransactionSubscriber implements EventSubscriber {
  private readonly subjectEntities: ReadonlySet<string>;
  private readonly subjectProperties: readonly string[];

  constructor(private readonly audit: AuditService) {
    this.subjectEntities = new Set(audit.options.subjectEntities ?? DEFAULT_SUBJECT_ENTITIES);
    this.subjectProperties = audit.options.subjectProperties ?? DEFAULT_SUBJECT_PROPERTIES;
  }

  onFlush(args: FlushEventArgs): void {
    const pending = currentPendingAudit();
    if (!pending || pending.written) return;
    for (const changeSet of args.uow.getChangeSets()) {
      this.noteChange(pending, changeSet.meta.className, changeSet.entity as Record<string, unknown>, changeSet.type === ChangeSetType.CREATE);
    }
  }

  /** A row inserted outside the unit of work (insertWithCommit, ADR 0023) announces itself here, as a flush's change set would. */
  beforeCreate(args: EventArgs<object>): void {
    const pending = currentPendingAudit();
    if (!pending || pending.written || !args.meta) return;
    this.noteChange(pending, args.meta.className, args.entity as Record<string, unknown>, true);
  }

  /** What a changed entity tells the record: the created id of the route's resource type, and the subjects. */
  private noteChange(pending: PendingAudit, className: string, entity: Record<string, unknown>, created: boolean): void {
    const id = typeof entity['id'] === 'string' ? entity['id'] : undefined;
    if (created && className === pending.facts.resourceType && pending.createdId === undefined && id) pending.createdId = id;
    if (this.subjectEntities.has(className) && id) pending.subjectIds.add(id);
    for (const property of this.subjectProperties) {
      const value = entity[property];
      if (typeof value === 'string') pending.subjectIds.add(value);
      else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') pending.subjectIds.add(item);
    }
  }

  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const pending = currentPendingAudit();
    if (!pending || pending.written || pending.inserting || !args.transaction) return;
    pending.inserting = args.transaction;
    const transaction = args.transaction as Knex.Transaction;
    const facts = {
      ...pending.facts,
      resourceId: pending.facts.resourceId ?? pending.createdId ?? null,
      subjectIds: normaliseSubjectIds([...pending.facts.subjectIds, ...pending.subjectIds]),
    };
    try {
      // In the COMMIT's round trip where the connection can carry it (issue 14); a failing insert fails the commit.
      if (!(await this.audit.insertWithCommit(facts, transaction))) await this.audit.insert(facts, transaction);
    } catch (error) {
      pending.inserting = undefined;
      throw error;
    }
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    const pending = currentPendingAudit();
    if (pending && pending.inserting !== undefined && pending.inserting === args.transaction) pending.written = true;
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    const pending = currentPendingAudit();
    if (pending && pending.inserting !== undefined && pending.inserting === args.transaction) pending.inserting = undefined;
  }
}
