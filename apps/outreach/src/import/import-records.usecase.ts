import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { ClassConstructor } from 'class-transformer';
import {
  CONTACT_METHOD_LABELS,
  CONTACT_RESULT_LABELS,
  DISCOVERY_ROUTE_LABELS,
  ISSUE_TAG_LABELS,
  LEGAL_BASIS_LABELS,
  OBSERVATION_CODE_LABELS,
  OUTREACH_STAGE_LABELS,
  RISK_LEVEL_LABELS,
  type OutreachStage,
} from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException, type FieldErrors } from '@tsunagu/platform-errors';
import {
  failBatch,
  answerImport,
  ImportRolledBack,
  ImportRow,
  importSourceIdOf,
  importSourceMap,
  stageImportSource,
  readImportFile,
  validatedImportCommand,
  type ImportProblem,
  type ImportProgressListener,
  type ImportRecordsCommand as ImportRecordsCommandOf,
} from '@tsunagu/platform-import';
import { parseDateInput } from '@tsunagu/util-japanese-calendar';
import { InactivityAlert } from '../alerts/inactivity-alert.entity';
import { LogContactCommand } from '../contacts/contact.dto';
import { LogContactUseCase } from '../contacts/log-contact.usecase';
import { HouseholdMirror, PersonMirror } from '../people/intake-people.entity';
import { allowedStageMoves } from '../targets/outreach-stage';
import { RegisterTargetUseCase } from '../targets/register-target.usecase';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { RegisterTargetCommand } from '../targets/target.dto';
import { ChangeTargetStageUseCase } from '../targets/transition-target.usecase';
import { TargetAccess } from '../shared/target-access';
import { WatchPlan } from '../watch/watch-plan.entity';
import { ImportRun } from './import.entities';
import { columnOfField, IMPORT_TEMPLATES, type ImportRecordType, type ImportTemplate } from './import-templates';
import type { ImportReportView } from './import.dto';

export type ImportRecordsCommand = ImportRecordsCommandOf<ImportRecordType>;

/** What one file did (or, in a dry run, would do). */
interface RunState {
  run: ImportRun;
  known: Map<string, string>;
  targets: Map<string, string>;
  created: number;
  unchanged: number;
  notices: ImportProblem[];
  /** A write failed in the database: the transaction is unusable, stop. */
  aborted: boolean;
  /** Rows checked so far and the listener of the command (an import job's progress). */
  checkedRows: number;
  progress?: ImportProgressListener;
}

/** Outreach's domain and validator messages (our own words) in Japanese for the report; others are kept as they are. */
const JAPANESE_MESSAGES: [RegExp, string | ((match: RegExpExecArray) => string)][] = [
  [/cannot be in the future|must not be in the future/, '未来の日付です'],
  [/describe the place when neither/, '対象者IDも世帯IDもないときは場所・様子が必要です'],
  [/no person with this id is registered/, 'この対象者IDは相談受付（intake）に登録されていません'],
  [/no household with this id is registered/, 'この世帯IDは相談受付（intake）に登録されていません'],
  [/can only assign targets to its own organisation/, '自分の機関以外を担当機関にはできません'],
  [/unknown id/, '登録されている機関ではありません'],
  [/must be a UUID|must be an UUID/, 'ID（UUID）として読めません'],
  [/shorter than or equal to (\d+) characters/, (match) => `${match[1]}文字以内にしてください`],
  [/unknown target source id/, '取込み済みのアウトリーチ対象にありません（先に対象を取り込んでください）'],
  [/target is closed/, 'この対象は終結しています（接触記録は取り込めません）'],
  [/should not be empty|must be one of the following values/, '必須です'],
];

export function japaneseMessage(message: string): string {
  for (const [pattern, replacement] of JAPANESE_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return typeof replacement === 'string' ? replacement : replacement(match);
  }
  return `受け付けられません（${message}）`;
}

/** The stages a target walks from 未接触 to `to`, one allowed move at a time (the first way forward, never back). */
function pathTo(to: OutreachStage): OutreachStage[] {
  const path: OutreachStage[] = [];
  let stage: OutreachStage = 'not-contacted';
  while (stage !== to) {
    const next: OutreachStage | undefined = allowedStageMoves(stage)[0];
    if (!next) return path;
    path.push((stage = next));
  }
  return path;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^(\d{1,2})[:：時](\d{2})(?:分|:(\d{2}))?$/;

/** Records between two clears of the unit of work (each use case's savepoint flushes it all). */
const ROW_CHECKPOINT = 10;
/** 未接触 targets, or contacts, written together (checked in a few queries, written in one flush or two). */
const CHECKPOINT = 200;

/** A target row, validated and built, waiting for its organisation's check and its write. */
interface TargetToImport {
  row: ImportRow;
  sourceId: string;
  command: RegisterTargetCommand;
  target: OutreachTarget;
}

/** A contact row, validated, waiting for its target's check and its write with the others of its batch. */
interface ContactToImport {
  row: ImportRow;
  sourceId: string;
  command: LogContactCommand;
  targetId: string;
}

/**
 * Imports outreach targets and their contacts (issue 19) from a CSV or XLSX file in the template of its record type.
 * Every row goes through the use case of the API (POST /targets, its stage changes, POST /targets/{id}/contacts) with
 * the same validation, rules and events — 未接触 targets and contacts in batches of CHECKPOINT rows, checked in a few
 * queries and written in one flush, the others one at a time — inside one transaction for the whole file: any problem — or a dry run —
 * rolls it all back, and the report names every problem by line and column in Japanese, never a cell. Rows whose
 * source id was imported before are skipped, so a re-run writes nothing.
 */
@Injectable()
export class ImportRecordsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly registerTarget: RegisterTargetUseCase,
    private readonly changeStage: ChangeTargetStageUseCase,
    private readonly logContact: LogContactUseCase,
    private readonly access: TargetAccess,
  ) {}

  async execute(command: ImportRecordsCommand): Promise<ImportReportView> {
    const template = IMPORT_TEMPLATES[command.type];
    const { table, rows, headerProblems, byLineAndColumn } = await readImportFile(template, command.body, command.format, command.encoding);
    const base = { type: command.type, dryRun: command.dryRun, format: table.format, encoding: table.encoding, rows: rows.length };
    if (headerProblems.length > 0) return answerImport({ ...base, id: null, created: 0, unchanged: 0, notices: [], problems: headerProblems });

    try {
      return await this.em.transactional(async (em) => {
        const run = new ImportRun();
        run.recordType = template.type;
        run.format = table.format;
        run.encoding = table.encoding;
        run.rows = rows.length;
        run.importedBy = TenantContext.principal()?.subject ?? 'system';
        const state: RunState = { run, known: await importSourceMap(em, template.type), targets: new Map(), created: 0, unchanged: 0, notices: [], aborted: false, checkedRows: 0, progress: command.progress };
        if (template.type === 'targets') await this.importTargets(em, template, rows, state);
        else {
          state.targets = await importSourceMap(em, 'targets');
          await this.importContacts(em, template, rows, state);
        }
        const problems = rows.flatMap((row) => row.problems).sort(byLineAndColumn);
        const report: ImportReportView = { ...base, id: null, created: state.created, unchanged: state.unchanged, notices: state.notices.sort(byLineAndColumn), problems };
        if (command.dryRun || problems.length > 0 || state.aborted) throw new ImportRolledBack(report);
        run.created = state.created;
        run.unchanged = state.unchanged;
        em.persist(run);
        await em.flush();
        return { ...report, id: run.id };
      });
    } catch (error) {
      if (error instanceof ImportRolledBack) return answerImport(error.report as ImportReportView);
      throw error;
    }
  }

  /** The command as the API's validation pipe would build it; problems (mapped to columns) when it is refused. */
  private async validated<T extends object>(type: ClassConstructor<T>, plain: object, template: ImportTemplate, row: ImportRow): Promise<T | undefined> {
    const { command, errors } = await validatedImportCommand(type, plain);
    if (errors) reportErrors(errors, template, row);
    return command;
  }

  /** Runs a write of the domain; its refusal becomes problems of the row's cells. */
  private async write<T>(state: RunState, template: ImportTemplate, row: ImportRow, action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof DomainException) {
        reportErrors(error.details.errors ?? { [template.sourceColumn]: error.message }, template, row);
        return undefined;
      }
      // A database error leaves the transaction unusable: report it on the row and stop (never the cause's text).
      row.fail(template.sourceColumn, '保存できませんでした。ここで取込みを止めました（内容を確かめ、直らなければ管理者へ）');
      state.aborted = true;
      return undefined;
    }
  }

  /** A row reached: the job's progress (a count, not a line: contacts are imported in the order they happened). */
  private checked(state: RunState): void {
    state.checkedRows += 1;
    this.tell(state);
  }

  private tell(state: RunState): void {
    state.progress?.({ rows: state.run.rows, checkedRows: state.checkedRows, created: state.created });
  }

  /** Which record a row became: its source id staged and known (a re-run leaves it alone), one more created. */
  private staged(em: EntityManager, state: RunState, type: ImportRecordType, sourceId: string, recordId: string): void {
    stageImportSource(em, type, sourceId, recordId, state.run.id);
    state.known.set(sourceId, recordId);
    state.created += 1;
  }

  /**
   * A batch written as one: `write` stages its records (false: the run was aborted on the way, nothing more to do), then
   * progress, one flush and a clear. A broken transaction fails the file at the batch's rows. Returns the next (empty) batch.
   */
  private async writeBatch(em: EntityManager, state: RunState, template: ImportTemplate, batch: readonly { row: ImportRow }[], write: () => Promise<boolean | void>): Promise<[]> {
    try {
      if ((await write()) === false) return [];
      this.tell(state);
      await em.flush();
      em.clear();
    } catch {
      failBatch(batch.map(({ row }) => row), template.sourceColumn);
      state.aborted = true;
    }
    return [];
  }

  /** Records which record a row became; every ROW_CHECKPOINT records the unit of work is flushed and cleared. */
  private async record(em: EntityManager, state: RunState, type: ImportRecordType, sourceId: string, targetId: string): Promise<void> {
    this.staged(em, state, type, sourceId, targetId);
    this.tell(state);
    if (state.created % ROW_CHECKPOINT === 0) {
      await em.flush();
      em.clear();
    }
  }

  /**
   * アウトリーチ対象: registered as POST /targets does (未接触), then moved along the stage machine to the file's stage
   * as staff would move it. A 終結 target stays at 安定（終結可）so its contacts can be imported (a notice says so).
   */
  private async importTargets(em: EntityManager, template: ImportTemplate, rows: ImportRow[], state: RunState): Promise<void> {
    const seen = new Map<string, number>();
    const mirrored = await mirroredIds(em, rows);
    let batch: TargetToImport[] = [];
    for (const row of rows) {
      if (state.aborted) return;
      this.checked(state);
      const sourceId = importSourceIdOf(row, template.sourceColumn, seen);
      if (!sourceId) continue;
      if (state.known.has(sourceId)) {
        state.unchanged += 1;
        continue;
      }
      // The use case waits a moment for a person registered a moment ago; an old system's person is known or never will be.
      if (row.text('personId') && UUID.test(row.text('personId')) && !mirrored.has(row.text('personId').toLowerCase())) row.fail('personId', japaneseMessage('no person with this id is registered'));
      if (row.text('householdId') && UUID.test(row.text('householdId')) && !mirrored.has(row.text('householdId').toLowerCase())) row.fail('householdId', japaneseMessage('no household with this id is registered'));
      let stage = row.code('stage', OUTREACH_STAGE_LABELS);
      if (stage === 'closed') {
        state.notices.push({ line: row.line, column: row.header('stage'), message: `「${OUTREACH_STAGE_LABELS.closed}」の対象は、接触記録を取り込めるよう「${OUTREACH_STAGE_LABELS.stable}」として取り込みます（接触記録の後に画面で終結してください）` });
        stage = 'stable';
      }
      const plain = {
        personId: row.optional('personId'),
        householdId: row.optional('householdId'),
        locationDescription: row.optional('locationDescription'),
        districtId: row.optional('districtId'),
        discoveredOn: row.date('discoveredOn'),
        discoveryRoute: row.code('discoveryRoute', DISCOVERY_ROUTE_LABELS),
        riskLevel: row.code('riskLevel', RISK_LEVEL_LABELS),
        reasonTags: row.has('reasonTags') && row.text('reasonTags') ? row.codes('reasonTags', ISSUE_TAG_LABELS) : undefined,
        assignedOrganizationId: row.optional('assignedOrganizationId') ?? this.access.deskOf(),
        note: row.optional('note'),
      };
      // A row with unreadable cells is still checked by the domain (every problem of the row is reported), never saved.
      const readable = row.problems.length === 0;
      const command = await this.validated(RegisterTargetCommand, plain, template, row);
      if (!command || !readable) continue;
      const path = pathTo(stage ?? 'not-contacted');
      if (path.length === 0) {
        // 未接触: written with the others of its batch (its person or household is known: checked above, as the use case checks it).
        const target = await this.write(state, template, row, async () => this.registerTarget.build(command));
        if (target) batch.push({ row, sourceId, command, target });
        if (batch.length === CHECKPOINT) batch = await this.saveTargets(em, state, template, batch);
        continue;
      }
      // A later stage goes through the stage machine one move at a time, after the rows before it.
      batch = await this.saveTargets(em, state, template, batch);
      if (state.aborted) return;
      const target = await this.write(state, template, row, async () => {
        const registered = await this.registerTarget.execute(command);
        for (const to of path) await this.changeStage.execute(registered.id, { to });
        return registered;
      });
      if (target) await this.record(em, state, 'targets', sourceId, target.id);
    }
    await this.saveTargets(em, state, template, batch);
  }

  /**
   * Writes a batch of built 未接触 targets as one: their organisations checked together (one query; row by row only when
   * one is refused, to name its line), the targets inserted in one flush, their protection and events
   * (RegisterTargetUseCase.stage) and source ids in one more. Returns the next (empty) batch.
   */
  private async saveTargets(em: EntityManager, state: RunState, template: ImportTemplate, batch: readonly TargetToImport[]): Promise<TargetToImport[]> {
    if (batch.length === 0 || state.aborted) return [];
    let passed: TargetToImport[] = [...batch];
    try {
      await this.registerTarget.checkOrganizations(em, batch.map(({ command }) => command));
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      passed = [];
      for (const item of batch) {
        if (await this.write(state, template, item.row, async () => this.registerTarget.checkOrganizations(em, [item.command]).then(() => true))) passed.push(item);
        if (state.aborted) return [];
      }
    }
    return this.writeBatch(em, state, template, batch, async () => {
      for (const { target } of passed) em.persist(target);
      await em.flush();
      await this.registerTarget.stage(em, passed.map(({ target }) => target));
      for (const { sourceId, target } of passed) this.staged(em, state, 'targets', sourceId, target.id);
    });
  }

  /** 訪問・接触記録: logged on its target as POST /targets/{id}/contacts does (the target's last contact and stage follow). */
  private async importContacts(em: EntityManager, template: ImportTemplate, rows: ImportRow[], state: RunState): Promise<void> {
    const seen = new Map<string, number>();
    // Source ids in the file's order (a repeated one names its first line), then the contacts in the order they
    // happened, as staff would have logged them (a target's stage and last contact follow its contacts).
    const ordered = rows.map((row) => ({ row, sourceId: importSourceIdOf(row, template.sourceColumn, seen), contactedAt: contactedAtOf(row) }));
    ordered.sort((a, b) => (a.contactedAt ?? '').localeCompare(b.contactedAt ?? '') || a.row.line - b.row.line);
    let batch: ContactToImport[] = [];
    for (const { row, sourceId, contactedAt } of ordered) {
      if (state.aborted) return;
      this.checked(state);
      const targetSource = row.required('targetSourceId')?.normalize('NFKC');
      const targetId = targetSource ? state.targets.get(targetSource) : undefined;
      if (targetSource && !targetId) row.fail('targetSourceId', japaneseMessage('unknown target source id'));
      if (!sourceId) continue;
      if (state.known.has(sourceId)) {
        state.unchanged += 1;
        continue;
      }
      const plain = {
        contactedAt,
        method: row.code('method', CONTACT_METHOD_LABELS),
        result: row.code('result', CONTACT_RESULT_LABELS),
        observations: row.text('observations') ? row.codes('observations', OBSERVATION_CODE_LABELS) : undefined,
        observationNote: row.optional('observationNote'),
        legalBasis: row.code('legalBasis', LEGAL_BASIS_LABELS),
      };
      const readable = row.problems.length === 0;
      const command = await this.validated(LogContactCommand, plain, template, row);
      if (!command || !readable || !targetId) continue;
      batch.push({ row, sourceId, command, targetId });
      if (batch.length === CHECKPOINT) batch = await this.saveContacts(em, state, template, batch);
    }
    await this.saveContacts(em, state, template, batch);
  }

  /**
   * Logs a batch of contacts (in the order they happened) as POST /targets/{id}/contacts does, written as one: their
   * targets loaded in one query, each contact checked and staged by LogContactUseCase.stage (its target's last contact,
   * stage moves and events, in the same order), then one flush. A target with a watch plan or an open inactivity alert
   * (one query each) keeps the use case's own path, row by row, so its plan and alerts follow exactly.
   */
  private async saveContacts(em: EntityManager, state: RunState, template: ImportTemplate, batch: readonly ContactToImport[]): Promise<ContactToImport[]> {
    if (batch.length === 0 || state.aborted) return [];
    const ids = [...new Set(batch.map(({ targetId }) => targetId))];
    return this.writeBatch(em, state, template, batch, async () => {
      const targets = new Map((await em.find(OutreachTarget, { id: { $in: ids } })).map((target) => [target.id, target]));
      const rowByRow = new Set([
        ...(await em.find(WatchPlan, { targetId: { $in: ids } })).map((plan) => plan.targetId),
        ...(await em.find(InactivityAlert, { targetId: { $in: ids }, status: 'open' })).map((alert) => alert.targetId),
      ]);
      for (const { row, sourceId, command, targetId } of batch) {
        const contact = await this.write(state, template, row, async () => {
          try {
            if (!rowByRow.has(targetId)) return this.logContact.stage(em, () => this.access.assertVisible(targets.get(targetId), targetId), command);
            // The use case's own savepoint must not hold the batch's writes (a refused row would roll them back).
            await em.flush();
            return await this.logContact.execute(targetId, command);
          } catch (error) {
            // A target of another desk answers as an unknown one does: the file's cell, never whether it exists.
            if (error instanceof DomainException && error.code === DomainErrorCode.NotFound) throw DomainException.invalidField('targetId', 'unknown target source id');
            throw error;
          }
        });
        if (state.aborted) return false;
        if (!contact) continue;
        this.staged(em, state, 'contacts', sourceId, contact.id);
      }
    });
  }
}

/**
 * 接触日時: a date (和暦 or 西暦) and, after a space, a time (10:30, 10時30分, 10:30:15 — an XLSX date-time cell reads
 * `2024-04-02 10:30`); in Japan time. Undefined with a problem.
 */
function contactedAtOf(row: ImportRow): string | undefined {
  const value = row.text('contactedAt').normalize('NFKC').trim();
  if (!value) {
    row.fail('contactedAt', '必須です');
    return undefined;
  }
  const [datePart, timePart, ...rest] = value.split(/\s+|T/);
  const date = rest.length === 0 ? parseDateInput(datePart) : undefined;
  const time = timePart === undefined ? ['', '0', '00'] : TIME.exec(timePart);
  if (!date || !time || Number(time[1]) > 23 || Number(time[2]) > 59 || Number(time[3] ?? 0) > 59) {
    row.fail('contactedAt', '日時として読めません（例: 令和6年4月1日 10:30、2024-04-01 10:30）');
    return undefined;
  }
  return new Date(`${date}T${time[1].padStart(2, '0')}:${time[2]}:${time[3] ?? '00'}+09:00`).toISOString();
}

/** The file's intake person and household ids that outreach knows (one query each, not one wait per row). */
async function mirroredIds(em: EntityManager, rows: readonly ImportRow[]): Promise<Set<string>> {
  const ids = (key: string) => [...new Set(rows.map((row) => row.text(key).toLowerCase()).filter((id) => UUID.test(id)))];
  const persons = ids('personId');
  const households = ids('householdId');
  const known = new Set<string>();
  if (persons.length > 0) for (const person of await em.find(PersonMirror, { personId: { $in: persons } }, { fields: ['personId'] })) known.add(person.personId);
  if (households.length > 0) for (const household of await em.find(HouseholdMirror, { householdId: { $in: households } }, { fields: ['householdId'] })) known.add(household.householdId);
  return known;
}

function reportErrors(errors: FieldErrors, template: ImportTemplate, row: ImportRow): void {
  for (const [field, message] of Object.entries(errors)) row.fail(columnOfField(template, field), japaneseMessage(message));
}

