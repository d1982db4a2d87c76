import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { ClassConstructor } from 'class-transformer';
import {
  CASE_STATUS_LABELS,
  CASE_TRACK_LABELS,
  CLOSURE_REASON_LABELS,
  CONSENT_METHOD_LABELS,
  CONSENT_SCOPE_LABELS,
  CONSENT_STATUS_LABELS,
  CONSULTANT_RELATION_LABELS,
  CONSULTATION_CATEGORY_LABELS,
  CONSULTATION_CONSENT_STATUS_LABELS,
  CONSULTATION_ROUTE_LABELS,
  IDENTITY_LEVEL_LABELS,
  ISSUE_TAG_LABELS,
  JIGYO_ATTRIBUTION_LABELS,
  LEGAL_BASIS_LABELS,
  PLAN_STATUS_LABELS,
  REFERRAL_REASON_LABELS,
  REFERRAL_STATUS_LABELS,
  RELATION_TO_KEY_LABELS,
  SEX_LABELS,
  URGENCY_LABELS,
  type CaseStatus,
  type PhoneType,
  type ReferralReason,
  type ReferralStatus,
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
  splitListCell,
  validatedImportCommand,
  type ImportProblem,
  type ImportProgressListener,
  type ImportRecordsCommand as ImportRecordsCommandOf,
  type ImportTable,
} from '@tsunagu/platform-import';
import { startOfJapanDay } from '@tsunagu/util-japanese-calendar';
import { PersonVisibility } from '../access/person-visibility';
import { CloseCaseCommand, OpenCaseCommand } from '../cases/case.dto';
import type { CaseAction } from '../cases/case-status';
import { OpenCaseUseCase } from '../cases/open-case.usecase';
import { TransitionCaseUseCase } from '../cases/transition-case.usecase';
import { RecordConsentCommand, WithdrawConsentCommand } from '../consents/consent.dto';
import type { Consent } from '../consents/consent.entity';
import { RecordConsentUseCase } from '../consents/record-consent.usecase';
import { WithdrawConsentUseCase } from '../consents/withdraw-consent.usecase';
import { ReceiveConsultationCommand } from '../consultations/consultation.dto';
import { ReceiveConsultationUseCase } from '../consultations/receive-consultation.usecase';
import { RegisterHouseholdCommand } from '../people/household.dto';
import { RegisterPersonCommand } from '../people/person.dto';
import { RegisterHouseholdUseCase } from '../people/register-household.usecase';
import type { DuplicateCandidateView } from '../people/person.dto';
import type { Person } from '../people/person.entity';
import { RegisterPersonUseCase } from '../people/register-person.usecase';
import { DraftPlanUseCase } from '../plans/draft-plan.usecase';
import { DraftPlanCommand } from '../plans/plan.dto';
import { CloseReferralWithReasonCommand, CompleteReferralCommand, RequestReferralCommand, RespondReferralCommand } from '../referrals/referral.dto';
import { personsWithLapsedReferrals } from '../referrals/referral-consent';
import type { ReferralAction } from '../referrals/referral-status';
import { RequestReferralUseCase } from '../referrals/request-referral.usecase';
import { TransitionReferralUseCase } from '../referrals/transition-referral.usecase';
import { ImportRun } from './import.entities';
import { columnOfField, IMPORT_TEMPLATES, IMPORTABLE_CASE_STATUSES, type ImportRecordType, type ImportTemplate } from './import-templates';
import type { ImportDuplicateView, ImportReportView } from './import.dto';

export type ImportRecordsCommand = ImportRecordsCommandOf<ImportRecordType>;

/** What one file did (or, in a dry run, would do). */
interface RunState {
  run: ImportRun;
  known: Map<string, string>;
  references: Partial<Record<ImportRecordType, Map<string, string>>>;
  created: number;
  unchanged: number;
  duplicates: ImportDuplicateView[];
  /** Rows imported in a nearer state than the file's (what the API's rules allow without the old system's meetings). */
  notices: ImportProblem[];
  /** Records created by this file: id → line (duplicate candidates inside the file are named by line). */
  createdLines: Map<string, number>;
  /** A write failed in the database: the transaction is unusable, stop. */
  aborted: boolean;
  /** Rows checked so far (the last data line reached) and the listener of the command. */
  checkedRows: number;
  progress?: ImportProgressListener;
}

/** A consent row, read and validated, waiting for its references' check and its write. */
interface ConsentToImport {
  row: ImportRow;
  sourceId: string;
  command: RecordConsentCommand;
  withdrawal?: { command: WithdrawConsentCommand; on: string };
}

/** A row's person, built and checked, waiting to be written. */
interface PersonToImport {
  row: ImportRow;
  sourceId: string;
  person: Person;
}

/** Domain and validator messages (our own words) in Japanese for the report; others are kept as they are. */
const JAPANESE_MESSAGES: [RegExp, string | ((match: RegExpExecArray) => string)][] = [
  [/must not be in the future/, '未来の日付です'],
  [/needs a family name or its kana/, '姓かフリガナ（セイ）、氏名がわからない人は通称が必要です'],
  [/known only by an alias is/, '氏名のない人の本人確認は「匿名」「通称のみ」「世帯・住所のみ」のいずれかです'],
  [/an alias \(通称\) is required/, '「通称のみ」の人には通称が必要です'],
  [/must not be before the birth date/, '生年月日より前の日付です'],
  [/7-digit postal code/, '7桁の郵便番号として読めません'],
  [/must be a phone number/, '電話番号として読めません'],
  [/must be an email/, 'メールアドレスとして読めません'],
  [/shorter than or equal to (\d+) characters/, (match) => `${match[1]}文字以内にしてください`],
  [/the key person must be one of the members/, '「本人」の世帯員がいません'],
  [/a person can be a member only once/, '同じ人が2回以上世帯員になっています'],
  [/may go back to the start of the previous 年度/, '前年度より前の日付です'],
  [/must be one of categories/, '相談内容に含まれていません'],
  [/should not be empty|must contain at least 1 elements/, '必須です'],
  [/unknown id/, '見つかりません'],
  [/MultiAgencyCase in status (\S+) cannot be draft-plan/, (match) => `このケースの状態（${CASE_STATUS_LABELS[match[1] as CaseStatus] ?? match[1]}）ではプランを取り込めません（アセスメント中かプラン作成中のケースに）`],
  [/must be between the day the consent was obtained and today/, '取得日から今日までの日付にしてください'],
  [/must be between the day the case was opened and today/, '開始日から今日までの日付にしてください'],
  [/must not be before the referral date/, 'つなぎ日より前の日付です'],
  [/name at least one organisation/, '特定機関への提供では対象機関が必要です'],
  [/must be a UUID|must be an UUID/, '機関ID（UUID）として読めません'],
  [/an organisation cannot refer to itself/, 'つなぎ元と同じ機関です'],
  [/name the 支援会議/, '106条の6の支援会議による場合は、その会議を書いてください'],
  [/No consent of the person covers|no consent covers the receiving organisation/, 'つなぎ先を含む本人の同意がありません（先に同意を取り込むか、根拠を確かめてください）'],
  [/no mandatory report/, 'この相談に通報の記録がありません'],
  [/no consent for the 重層 track|has no obtained consent for 重層/, 'キーパーソンの「重層的支援会議での共有」の同意がありません（先に同意を取り込んでください）'],
  [/the key person must be a member of the household/, 'キーパーソンがその世帯の世帯員ではありません'],
  [/note is required when reasonCode is other/, '理由が「その他」のときは補足が必要です'],
  [/was cancelled/, '取り消された相談からはつなげません'],
  [/利用停止|use of the person's data is suspended/i, '利用停止中の人です'],
];

export function japaneseMessage(message: string): string {
  for (const [pattern, replacement] of JAPANESE_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return typeof replacement === 'string' ? replacement : replacement(match);
  }
  return `受け付けられません（${message}）`;
}

/** What a referencing cell names, in Japanese (「取込み済みの…にありません」). */
const REFERENCED: Readonly<Record<ImportRecordType, string>> = {
  persons: '対象者',
  households: '世帯',
  consultations: '相談',
  consents: '同意',
  referrals: 'つなぎ',
  cases: 'ケース',
  plans: 'プラン',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A goals cell: one goal per line (or per 「；」), since a goal's own text has 「、」. */
function goalItems(cell: string): string[] {
  return cell.split(/[\n；;]/).map((item) => item.trim()).filter(Boolean);
}

/**
 * What old systems write for a code whose label is longer (完了 for 完了（初回接触確認）, 重層 for 同意後（重層トラック）):
 * read as that code, as its label or the code itself are.
 */
const SHORT_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  referralStatus: { 完了: 'completed' },
  track: { 支援会議: 'pre-consent', 同意前: 'pre-consent', 重層: 'consented', 同意後: 'consented' },
  caseStatus: { 潜在: 'potential' },
  planStatus: { 承認: 'approved', 提出: 'submitted' },
};

function codeOrShortLabel<C extends string>(row: ImportRow, key: string, labels: Readonly<Record<C, string>>, short: Readonly<Record<string, string>>): C | undefined {
  const alias = short[row.text(key).normalize('NFKC')] as C | undefined;
  return alias ?? row.code(key, labels);
}

/** Records between two clears of the unit of work. */
const CHECKPOINT = 200;

/**
 * The same for the types written row by row through their use cases: each use case's transaction (a savepoint here)
 * works on a fork of the unit of work and every flush compares all of it, so a short one is what keeps rows cheap
 * (consents, before they were batched: 22 rows/s clearing every 200 rows, 94 every 10 — docs/performance.md).
 */
const ROW_CHECKPOINT = 10;

const PHONE_COLUMNS: [string, PhoneType][] = [
  ['phoneHome', 'home'],
  ['phoneMobile', 'mobile'],
  ['phoneWork', 'work'],
];

/**
 * Imports a city's existing records (issue 19) from a CSV or XLSX file in the template of its record type. Every row
 * goes through the same use case as a record entered through the API (the same validation, domain rules, desk and
 * events), inside one transaction for the whole file: any problem — or a dry run — rolls it all back, and the report
 * names every problem by line and column in Japanese. Rows whose source id was imported before are skipped, so a
 * re-run writes nothing; possible duplicates of existing people are reported, never merged.
 */
@Injectable()
export class ImportRecordsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly persons: RegisterPersonUseCase,
    private readonly households: RegisterHouseholdUseCase,
    private readonly consultations: ReceiveConsultationUseCase,
    private readonly people: PersonVisibility,
    private readonly consents: RecordConsentUseCase,
    private readonly withdrawals: WithdrawConsentUseCase,
    private readonly referrals: RequestReferralUseCase,
    private readonly referralAnswers: TransitionReferralUseCase,
    private readonly openCases: OpenCaseUseCase,
    private readonly caseTransitions: TransitionCaseUseCase,
    private readonly plans: DraftPlanUseCase,
  ) {}

  async execute(command: ImportRecordsCommand): Promise<ImportReportView> {
    const template = IMPORT_TEMPLATES[command.type];
    const { table, rows, headerProblems, byLineAndColumn } = await readImportFile(template, command.body, command.format, command.encoding);
    const base = { type: command.type, dryRun: command.dryRun, format: table.format, encoding: table.encoding, rows: rows.length };
    if (headerProblems.length > 0) return answerImport({ ...base, id: null, created: 0, unchanged: 0, duplicates: [], notices: [], problems: headerProblems });

    try {
      return await this.em.transactional(async (em) => {
        const state = await this.start(em, template, table, command.progress);
        if (template.type === 'persons') await this.importPersons(em, template, rows, state);
        if (template.type === 'households') await this.importHouseholds(em, template, rows, state);
        if (template.type === 'consultations') await this.importConsultations(em, template, rows, state);
        if (template.type === 'consents') await this.importConsents(em, template, rows, state);
        if (template.type === 'referrals') await this.importReferrals(em, template, rows, state);
        if (template.type === 'cases') await this.importCases(em, template, rows, state);
        if (template.type === 'plans') await this.importPlans(em, template, rows, state);
        const problems = rows.flatMap((row) => row.problems).sort(byLineAndColumn);
        const notices = state.notices.sort(byLineAndColumn);
        const report: ImportReportView = { ...base, id: null, created: state.created, unchanged: state.unchanged, duplicates: state.duplicates, notices, problems };
        if (command.dryRun || problems.length > 0 || state.aborted) throw new ImportRolledBack(report);
        state.run.created = state.created;
        state.run.unchanged = state.unchanged;
        state.run.duplicateCandidates = state.duplicates.length;
        em.persist(state.run);
        await em.flush();
        return { ...report, id: state.run.id };
      });
    } catch (error) {
      if (error instanceof ImportRolledBack) return answerImport(error.report as ImportReportView);
      throw error;
    }
  }

  private async start(em: EntityManager, template: ImportTemplate, table: ImportTable, progress?: ImportProgressListener): Promise<RunState> {
    const run = new ImportRun();
    run.recordType = template.type;
    run.format = table.format;
    run.encoding = table.encoding;
    run.rows = table.rows.length;
    run.organizationId = this.people.organizationOf() ?? null;
    run.importedBy = TenantContext.principal()?.subject ?? 'system';
    const references: RunState['references'] = {};
    for (const type of template.references) references[type] = await importSourceMap(em, type);
    return { run, known: await importSourceMap(em, template.type), references, created: 0, unchanged: 0, duplicates: [], notices: [], createdLines: new Map(), aborted: false, checkedRows: 0, progress };
  }

  /** The command as the API's validation pipe would build it; problems (mapped to columns) when it is refused. */
  private async validated<T extends object>(type: ClassConstructor<T>, plain: object, template: ImportTemplate, rowFor: (field: string) => ImportRow): Promise<T | undefined> {
    const { command, errors } = await validatedImportCommand(type, plain);
    if (errors) reportErrors(errors, template, rowFor);
    return command;
  }

  /** Runs a write of the domain; its refusal becomes problems of the row(s) it names. */
  private async write<T>(state: RunState, template: ImportTemplate, rowFor: (field: string) => ImportRow, action: () => Promise<T>): Promise<T | undefined> {
    // Every row of every type passes here once it is checked: the job's progress (data lines start at 2).
    state.checkedRows = Math.max(state.checkedRows, rowFor(template.sourceColumn).line - 1);
    state.progress?.({ rows: state.run.rows, checkedRows: state.checkedRows, created: state.created });
    try {
      return await action();
    } catch (error) {
      if (error instanceof DomainException) {
        reportErrors(error.details.errors ?? { [template.sourceColumn]: error.message }, template, rowFor);
        return undefined;
      }
      // A database error leaves the transaction unusable: report it on the row and stop (never the cause's text).
      rowFor(template.sourceColumn).fail(template.sourceColumn, '保存できませんでした。ここで取込みを止めました（内容を確かめ、直らなければ管理者へ）');
      state.aborted = true;
      return undefined;
    }
  }

  /**
   * Records which record a row became. Every ROW_CHECKPOINT records the unit of work is flushed and cleared: a flush
   * compares every managed entity, so a file's whole identity map would make each row slower than the last.
   */
  private async record(em: EntityManager, state: RunState, type: ImportRecordType, sourceId: string, targetId: string, line: number): Promise<void> {
    this.stageSource(em, state, type, sourceId, targetId, line);
    if (state.created % ROW_CHECKPOINT === 0) {
      await em.flush();
      em.clear();
    }
  }

  /** As record, left for the caller's flush. */
  private stageSource(em: EntityManager, state: RunState, type: ImportRecordType, sourceId: string, targetId: string, line: number): void {
    stageImportSource(em, type, sourceId, targetId, state.run.id);
    state.known.set(sourceId, targetId);
    state.createdLines.set(targetId, line);
    state.created += 1;
    state.progress?.({ rows: state.run.rows, checkedRows: state.checkedRows, created: state.created });
  }

  private async importPersons(em: EntityManager, template: ImportTemplate, rows: ImportRow[], state: RunState): Promise<void> {
    const seen = new Map<string, number>();
    // Built and checked row by row; written CHECKPOINT at a time once every row is checked.
    const built: PersonToImport[] = [];
    for (const row of rows) {
      if (state.aborted) return;
      const sourceId = importSourceIdOf(row, template.sourceColumn, seen);
      if (row.problems.length > 0 || !sourceId) continue;
      if (state.known.has(sourceId)) {
        state.unchanged += 1;
        continue;
      }
      const phones = PHONE_COLUMNS.filter(([key]) => row.text(key)).map(([key, type]) => ({ key, type, number: row.text(key) }));
      const address = Object.fromEntries(
        ['postalCode', 'prefecture', 'municipalityName', 'machiaza', 'banchi', 'building'].map((key) => [key, row.optional(key)]).filter(([, value]) => value !== undefined),
      );
      const plain = {
        familyName: row.optional('familyName'),
        givenName: row.optional('givenName'),
        familyNameKana: row.optional('familyNameKana'),
        givenNameKana: row.optional('givenNameKana'),
        aliasName: row.optional('aliasName'),
        formerName: row.optional('formerName'),
        birthDate: row.date('birthDate'),
        sex: row.code('sex', SEX_LABELS),
        address: Object.keys(address).length > 0 ? address : undefined,
        addressRaw: row.optional('addressRaw'),
        phones: phones.length > 0 ? phones.map(({ type, number }) => ({ type, number })) : undefined,
        email: row.optional('email'),
        dvAddressProtection: row.boolean('dvAddressProtection'),
        identityLevel: row.code('identityLevel', IDENTITY_LEVEL_LABELS),
        deceasedOn: row.date('deceasedOn'),
      };
      // A row with unreadable cells is still checked by the domain (every problem of the row is reported), never saved.
      const readable = row.problems.length === 0;
      const phoneColumns = Object.fromEntries(phones.map(({ key }, index) => [`phones.${index}`, key]));
      const rowFor = () => row;
      const scoped: ImportTemplate = { ...template, fieldColumns: { ...template.fieldColumns, ...phoneColumns } };
      const command = await this.validated(RegisterPersonCommand, plain, scoped, rowFor);
      if (!command) continue;
      const person = await this.write(state, scoped, rowFor, async () => this.persons.build(command));
      if (!person || !readable) continue;
      built.push({ row, sourceId, person });
    }
    if (state.aborted || built.length === 0) return;
    // Every row's duplicate candidates before anything is written: among existing people, then earlier rows of the file.
    const candidatesOf = await this.persons.duplicateCandidatesOfMany(em, built.map(({ person }) => person));
    for (let start = 0; start < built.length && !state.aborted; start += CHECKPOINT) {
      await this.savePersons(em, state, template, built.slice(start, start + CHECKPOINT), candidatesOf.slice(start, start + CHECKPOINT));
    }
  }

  /**
   * Writes a batch of built persons as one: every person, its events and its source id in one flush (the API's save
   * without a round trip per row), its duplicate candidates reported. A database refusal cannot name its row here: it
   * is reported on the batch's first line and stops the import.
   */
  private async savePersons(
    em: EntityManager,
    state: RunState,
    template: ImportTemplate,
    batch: readonly PersonToImport[],
    candidatesOf: readonly DuplicateCandidateView[][],
  ): Promise<void> {
    batch.forEach(({ row, sourceId, person }, index) => {
      const candidates = candidatesOf[index];
      if (candidates.length > 0) {
        state.duplicates.push({
          line: row.line,
          // Candidates from this file (earlier rows: already staged) are named by line.
          candidateIds: candidates.filter((candidate) => !state.createdLines.has(candidate.id)).map((candidate) => candidate.id),
          candidateLines: candidates.map((candidate) => state.createdLines.get(candidate.id)).filter((line): line is number => line !== undefined),
          matchedOn: [...new Set(candidates.flatMap((candidate) => candidate.matchedOn))],
        });
      }
      this.persons.stage(em, person);
      this.stageSource(em, state, 'persons', sourceId, person.id, row.line);
    });
    try {
      await em.flush();
      em.clear();
    } catch {
      failBatch(batch.map(({ row }) => row), template.sourceColumn);
      state.aborted = true;
    }
  }

  private async importHouseholds(em: EntityManager, template: ImportTemplate, rows: ImportRow[], state: RunState): Promise<void> {
    const seen = new Map<string, number>();
    const groups = new Map<string, ImportRow[]>();
    for (const row of rows) {
      const sourceId = importSourceIdOf(row, template.sourceColumn, seen, true);
      if (!sourceId) continue;
      groups.set(sourceId, [...(groups.get(sourceId) ?? []), row]);
    }
    const persons = state.references.persons ?? new Map<string, string>();
    for (const [sourceId, group] of groups) {
      if (state.aborted) return;
      if (group.some((row) => row.problems.length > 0)) continue;
      if (state.known.has(sourceId)) {
        state.unchanged += 1;
        continue;
      }
      const members = group.map((row) => {
        const memberSourceId = row.required('memberSourceId')?.normalize('NFKC');
        const personId = memberSourceId ? persons.get(memberSourceId) : undefined;
        if (memberSourceId && !personId) row.fail('memberSourceId', '取込み済みの対象者にありません（先に対象者を取り込んでください）');
        if (!row.text('relationToKey')) row.required('relationToKey');
        const relationToKey = row.code('relationToKey', RELATION_TO_KEY_LABELS);
        return { row, member: { personId, relationToKey, cohabiting: row.boolean('cohabiting'), mainCarer: row.boolean('mainCarer') } };
      });
      const label = group.map((row) => row.text('label')).find(Boolean);
      if (!label) group[0].fail('label', '必須です（世帯の最初の行に）');
      const keyMembers = members.filter(({ member }) => member.relationToKey === 'self');
      if (keyMembers.length > 1) keyMembers[1].row.fail('relationToKey', '「本人」（キーパーソン）は世帯に1人です');
      const juki = group.map((row) => row.text('jukiSetaiNumbers')).find(Boolean);
      if (group.some((row) => row.problems.length > 0)) continue;
      const plain = {
        label,
        keyPersonId: keyMembers[0]?.member.personId ?? null,
        jukiSetaiNumbers: juki ? splitListCell(juki) : undefined,
        members: members.map(({ member }) => Object.fromEntries(Object.entries(member).filter(([, value]) => value !== undefined))),
      };
      // A refusal naming members.N is the N-th member's line; anything else the household's first line.
      const rowFor = (field: string) => {
        const index = /^members\.(\d+)/.exec(field);
        return index ? (members[Number(index[1])]?.row ?? group[0]) : group[0];
      };
      const command = await this.validated(RegisterHouseholdCommand, plain, template, rowFor);
      if (!command) continue;
      const household = await this.write(state, template, rowFor, () => this.households.create(em, command));
      if (household) await this.record(em, state, 'households', sourceId, household.id, group[0].line);
    }
  }

  private async importConsultations(em: EntityManager, template: ImportTemplate, rows: ImportRow[], state: RunState): Promise<void> {
    const seen = new Map<string, number>();
    const persons = state.references.persons ?? new Map<string, string>();
    for (const row of rows) {
      if (state.aborted) return;
      const sourceId = importSourceIdOf(row, template.sourceColumn, seen);
      if (row.problems.length > 0 || !sourceId) continue;
      if (state.known.has(sourceId)) {
        state.unchanged += 1;
        continue;
      }
      const personSourceId = row.optional('personSourceId')?.normalize('NFKC');
      const personId = personSourceId ? persons.get(personSourceId) : undefined;
      if (personSourceId && !personId) row.fail('personSourceId', '取込み済みの対象者にありません（先に対象者を取り込んでください）');
      if (!row.text('receivedOn')) row.required('receivedOn');
      const receivedOn = row.date('receivedOn');
      for (const key of ['route', 'consultantRelation', 'categories', 'primaryCategory', 'urgency', 'consentStatus', 'jigyoAttribution']) row.required(key);
      const plain = {
        // The day as staff wrote it, in Japan time (the old systems kept the date only).
        receivedAt: receivedOn ? `${receivedOn}T00:00:00+09:00` : undefined,
        personId,
        route: row.code('route', CONSULTATION_ROUTE_LABELS),
        consultantRelation: row.code('consultantRelation', CONSULTANT_RELATION_LABELS),
        consultantRelationDetail: row.optional('consultantRelationDetail'),
        categories: row.codes('categories', CONSULTATION_CATEGORY_LABELS),
        primaryCategory: row.code('primaryCategory', CONSULTATION_CATEGORY_LABELS),
        issueTags: row.has('issueTags') ? row.codes('issueTags', ISSUE_TAG_LABELS) : undefined,
        mainComplaint: row.optional('mainComplaint'),
        urgency: row.code('urgency', URGENCY_LABELS),
        consentStatus: row.code('consentStatus', CONSULTATION_CONSENT_STATUS_LABELS),
        jigyoAttribution: row.code('jigyoAttribution', JIGYO_ATTRIBUTION_LABELS),
      };
      // Only a readable row reaches the domain here: receiving takes a 受付番号 (a write), not a check alone.
      if (row.problems.length > 0) continue;
      const rowFor = () => row;
      const command = await this.validated(ReceiveConsultationCommand, plain, template, rowFor);
      if (!command) continue;
      const consultation = await this.write(state, template, rowFor, () => this.consultations.receive(em, command, { historical: true }));
      if (consultation) await this.record(em, state, 'consultations', sourceId, consultation.id, row.line);
    }
  }

  /** The id a cell names through an earlier import's source id; a problem on the cell when it is unknown. */
  private referenced(row: ImportRow, key: string, state: RunState, type: ImportRecordType, options: { required?: boolean; orId?: boolean } = {}): string | undefined {
    const sourceId = (options.required ? row.required(key) : row.optional(key))?.normalize('NFKC');
    if (!sourceId) return undefined;
    const id = state.references[type]?.get(sourceId) ?? (options.orId && UUID.test(sourceId) ? sourceId : undefined);
    if (!id) row.fail(key, `取込み済みの${REFERENCED[type]}にありません（先に${REFERENCED[type]}を取り込んでください）`);
    return id;
  }

  /** Rows of one record each, in file order, with their source ids (skipped when imported before). */
  private async eachNewRow(template: ImportTemplate, rows: ImportRow[], state: RunState, importRow: (row: ImportRow, sourceId: string) => Promise<void>): Promise<void> {
    const seen = new Map<string, number>();
    for (const row of rows) {
      if (state.aborted) return;
      const sourceId = importSourceIdOf(row, template.sourceColumn, seen);
      if (row.problems.length > 0 || !sourceId) continue;
      if (state.known.has(sourceId)) {
        state.unchanged += 1;
        continue;
      }
      await importRow(row, sourceId);
    }
  }

  /**
   * 同意: recorded as the console records it; a 撤回 is an obtained consent withdrawn on the day the old system kept.
   * Checked row by row, then written as persons are: the references of CHECKPOINT rows in a few queries, their consents,
   * events and source ids in one flush. A withdrawal, and a consent of someone with a lapsed referral it may restore,
   * go through the use cases one row at a time (what they do reads the consents before them), after the rows before.
   */
  private async importConsents(em: EntityManager, template: ImportTemplate, rows: ImportRow[], state: RunState): Promise<void> {
    const checked: ConsentToImport[] = [];
    await this.eachNewRow(template, rows, state, async (row, sourceId) => {
      const personId = this.referenced(row, 'personSourceId', state, 'persons', { required: true, orId: true });
      for (const key of ['scope', 'method', 'obtainedOn', 'status']) row.required(key);
      const status = row.code('status', CONSENT_STATUS_LABELS);
      const obtainedOn = row.date('obtainedOn');
      const withdrawnOn = row.date('withdrawnOn');
      if (status === 'withdrawn' && !row.text('withdrawnOn')) row.fail('withdrawnOn', '状態が撤回のときは必須です');
      if (status !== 'withdrawn' && row.text('withdrawnOn')) row.fail('withdrawnOn', '状態が撤回のときだけ書きます');
      const plain = {
        personId,
        scope: row.code('scope', CONSENT_SCOPE_LABELS),
        targetOrganizationIds: row.has('targetOrganizationIds') && row.text('targetOrganizationIds') ? splitListCell(row.text('targetOrganizationIds')) : undefined,
        method: row.code('method', CONSENT_METHOD_LABELS),
        status: status === 'withdrawn' ? 'obtained' : status,
        obtainedAt: obtainedOn ? startOfJapanDay(obtainedOn).toISOString() : undefined,
        obtainedByOrganizationId: row.optional('obtainedByOrganizationId'),
        documentRef: row.optional('documentRef'),
      };
      if (row.problems.length > 0) return;
      const rowFor = () => row;
      const command = await this.validated(RecordConsentCommand, plain, template, rowFor);
      const withdrawal = status === 'withdrawn' ? await this.validated(WithdrawConsentCommand, { reason: row.optional('withdrawalReason') }, template, rowFor) : undefined;
      if (!command || (status === 'withdrawn' && !withdrawal)) return;
      checked.push({ row, sourceId, command, withdrawal: withdrawal && withdrawnOn ? { command: withdrawal, on: withdrawnOn } : undefined });
    });
    if (state.aborted || checked.length === 0) return;
    const restoring = await personsWithLapsedReferrals(em, checked.filter(({ withdrawal }) => !withdrawal).map(({ command }) => command.personId));
    let batch: ConsentToImport[] = [];
    for (const item of checked) {
      if (state.aborted) return;
      if (!item.withdrawal && !restoring.has(item.command.personId)) {
        batch.push(item);
        if (batch.length === CHECKPOINT) batch = await this.saveConsents(em, state, template, batch);
        continue;
      }
      batch = await this.saveConsents(em, state, template, batch);
      if (state.aborted) return;
      const { row, sourceId, command, withdrawal } = item;
      const consent = await this.write(state, template, () => row, async () => {
        const recorded = await this.consents.execute(command);
        if (withdrawal) await this.withdrawals.execute(recorded.id, withdrawal.command, undefined, { withdrawnAt: startOfJapanDay(withdrawal.on) });
        return recorded;
      });
      if (consent) await this.record(em, state, 'consents', sourceId, consent.id, row.line);
    }
    await this.saveConsents(em, state, template, batch);
  }

  /**
   * Writes a batch of checked consent rows as one: their references checked together (a few queries; row by row only
   * when the batch has a refused one, to name its line), then every consent, event and source id in one flush. Returns
   * the next (empty) batch.
   */
  private async saveConsents(em: EntityManager, state: RunState, template: ImportTemplate, batch: readonly ConsentToImport[]): Promise<ConsentToImport[]> {
    if (batch.length === 0 || state.aborted) return [];
    const built: { item: ConsentToImport; consent: Consent }[] = [];
    for (const item of batch) {
      const consent = await this.write(state, template, () => item.row, async () => this.consents.build(item.command));
      if (consent) built.push({ item, consent });
    }
    if (state.aborted || built.length === 0) return [];
    let passed = built;
    try {
      await this.consents.check(em, built.map(({ item }) => item.command));
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      passed = [];
      for (const entry of built) {
        if (await this.write(state, template, () => entry.item.row, async () => this.consents.check(em, [entry.item.command]).then(() => true))) passed.push(entry);
        if (state.aborted) return [];
      }
    }
    for (const { item, consent } of passed) {
      this.consents.stage(em, consent);
      this.stageSource(em, state, 'consents', item.sourceId, consent.id, item.row.line);
    }
    try {
      await em.flush();
      em.clear();
    } catch {
      failBatch(batch.map(({ row }) => row), template.sourceColumn);
      state.aborted = true;
    }
    return [];
  }

  /**
   * つなぎ: requested under its basis as the console does, then moved through the receiving side's answers in order
   * (依頼 → 受理 → 完了 / 不調, 依頼 → 不受理) with the reason code the API requires for 不受理 and 不調.
   */
  private async importReferrals(em: EntityManager, template: ImportTemplate, rows: ImportRow[], state: RunState): Promise<void> {
    await this.eachNewRow(template, rows, state, async (row, sourceId) => {
      const consultationId = this.referenced(row, 'consultationSourceId', state, 'consultations', { required: true });
      for (const key of ['toOrganizationId', 'referredOn', 'infoBasis']) row.required(key);
      const plain = {
        consultationId,
        fromOrganizationId: row.optional('fromOrganizationId'),
        toOrganizationId: row.optional('toOrganizationId'),
        referredOn: row.date('referredOn'),
        accompanied: row.boolean('accompanied'),
        infoBasis: row.code('infoBasis', LEGAL_BASIS_LABELS),
        basisNote: row.optional('basisNote'),
        requestNote: row.optional('requestNote'),
      };
      const status: ReferralStatus = codeOrShortLabel(row, 'status', REFERRAL_STATUS_LABELS, SHORT_LABELS.referralStatus) ?? 'requested';
      const reasonCode = row.code('reasonCode', REFERRAL_REASON_LABELS);
      const firstContactOn = row.date('firstContactOn');
      if ((status === 'declined' || status === 'failed') && !row.text('reasonCode')) row.fail('reasonCode', '不受理・不調のときは必須です');
      if (status !== 'declined' && status !== 'failed' && row.text('reasonCode')) row.fail('reasonCode', '不受理・不調のときだけ書きます');
      if (status !== 'completed' && row.text('firstContactOn')) row.fail('firstContactOn', '完了のときだけ書きます');
      if (row.problems.length > 0) return;
      const rowFor = () => row;
      const command = await this.validated(RequestReferralCommand, plain, template, rowFor);
      const note = row.optional('note');
      const answers: [ReferralAction, { note?: string; reasonCode?: ReferralReason; firstContactOn?: string }][] = [];
      if (status === 'accepted' || status === 'completed' || status === 'failed') answers.push(['accept', await this.validated(RespondReferralCommand, { note: status === 'accepted' ? note : undefined }, template, rowFor) ?? {}]);
      if (status === 'completed') answers.push(['complete', (await this.validated(CompleteReferralCommand, { note, firstContactOn }, template, rowFor)) ?? {}]);
      if (status === 'declined' || status === 'failed') {
        answers.push([status === 'declined' ? 'decline' : 'fail', (await this.validated(CloseReferralWithReasonCommand, { reasonCode, note }, template, rowFor)) ?? {}]);
      }
      if (!command || row.problems.length > 0) return;
      const referral = await this.write(state, template, rowFor, async () => {
        const requested = await this.referrals.execute(command);
        for (const [action, input] of answers) await this.referralAnswers.execute(requested.id, action, input);
        return requested;
      });
      if (referral) await this.record(em, state, 'referrals', sourceId, referral.id, row.line);
    });
  }

  /**
   * 多機関協働ケース: opened on its track on the day the old system opened it, then moved through the API's transitions
   * as far as they go without the old system's meetings (docs/operations/import.md): a later state is imported as
   * プラン作成中, a 重層 case that ended is closed from the 支援会議 track — each said in the report's notices.
   */
  private async importCases(em: EntityManager, template: ImportTemplate, rows: ImportRow[], state: RunState): Promise<void> {
    await this.eachNewRow(template, rows, state, async (row, sourceId) => {
      const householdId = this.referenced(row, 'householdSourceId', state, 'households', { required: true });
      const keyPersonId = this.referenced(row, 'keyPersonSourceId', state, 'persons', { required: true });
      const consultationId = this.referenced(row, 'consultationSourceId', state, 'consultations');
      for (const key of ['track', 'status', 'coordinatorOrganizationId', 'openedOn']) row.required(key);
      const track = codeOrShortLabel(row, 'track', CASE_TRACK_LABELS, SHORT_LABELS.track);
      const status = codeOrShortLabel(row, 'status', CASE_STATUS_LABELS, SHORT_LABELS.caseStatus);
      const openedOn = row.date('openedOn');
      const closedOn = row.date('closedOn');
      const closureReason = row.code('closureReason', CLOSURE_REASON_LABELS);
      if (status === 'closed') {
        if (!row.text('closedOn')) row.fail('closedOn', '状態が終結のときは必須です');
        if (!row.text('closureReason')) row.fail('closureReason', '状態が終結のときは必須です');
      } else {
        for (const key of ['closedOn', 'closureReason', 'closureNote']) if (row.text(key)) row.fail(key, '状態が終結のときだけ書きます');
      }
      if (track === 'pre-consent' && status && !['potential', 'closed'].includes(status)) row.fail('status', '支援会議トラックのケースは「潜在（同意前）」か「終結」です');
      if (track === 'consented' && status === 'potential') row.fail('status', '「潜在（同意前）」は支援会議トラックの状態です');
      if (row.problems.length > 0 || !track || !status) return;
      // What the API's transitions reach from the file's state, and the notice when it is not the file's state.
      const reached: CaseStatus = (IMPORTABLE_CASE_STATUSES as readonly CaseStatus[]).includes(status) ? status : 'planning';
      const openTrack = status === 'closed' ? 'pre-consent' : track;
      if (reached !== status) {
        state.notices.push({ line: row.line, column: row.header('status'), message: `「${CASE_STATUS_LABELS[status]}」は会議の記録がないため「${CASE_STATUS_LABELS.planning}」として取り込みます` });
      }
      if (openTrack !== track) {
        state.notices.push({ line: row.line, column: row.header('track'), message: '終結した重層のケースは、会議の記録がないため支援会議トラックから終結したケースとして取り込みます' });
      }
      const plain = {
        householdId,
        keyPersonId,
        consultationId,
        track: openTrack,
        coordinatorOrganizationId: row.optional('coordinatorOrganizationId'),
        memberOrganizationIds: row.text('memberOrganizationIds') ? splitListCell(row.text('memberOrganizationIds')) : undefined,
      };
      const rowFor = () => row;
      const command = await this.validated(OpenCaseCommand, plain, template, rowFor);
      const closing = status === 'closed' ? await this.validated(CloseCaseCommand, { reason: closureReason, note: row.optional('closureNote') }, template, rowFor) : undefined;
      if (!command || (status === 'closed' && !closing) || row.problems.length > 0) return;
      const steps: CaseAction[] = { potential: [], received: [], assessing: ['start-assessment'], planning: ['start-assessment', 'start-planning'], closed: ['close'] }[reached as (typeof IMPORTABLE_CASE_STATUSES)[number]] as CaseAction[];
      const opened = await this.write(state, template, rowFor, async () => {
        const record = await this.openCases.execute(command, { openedOn });
        for (const action of steps) {
          await this.caseTransitions.execute(record.id, action === 'close' ? { action, closureReason: closing?.reason, note: closing?.note, closedOn } : { action });
        }
        return record;
      });
      if (opened) await this.record(em, state, 'cases', sourceId, opened.id, row.line);
    });
  }

  /**
   * 支援プラン: drafted on its case in the order of its versions, as the console drafts them. A plan the old system had
   * submitted or approved is imported as 下書き: approval needs a 重層的支援会議 held in Tsunagu (a notice says so).
   */
  private async importPlans(em: EntityManager, template: ImportTemplate, rows: ImportRow[], state: RunState): Promise<void> {
    const versions = new Map<string, Map<number, number>>();
    const ordered: { row: ImportRow; sourceId: string; caseId: string; version: number }[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      const sourceId = importSourceIdOf(row, template.sourceColumn, seen);
      const caseId = this.referenced(row, 'caseSourceId', state, 'cases', { required: true });
      const text = row.required('planVersion')?.normalize('NFKC');
      const version = text && /^\d{1,3}$/.test(text) && Number(text) > 0 ? Number(text) : undefined;
      if (text && !version) row.fail('planVersion', '1以上の整数を入れてください');
      if (!sourceId || !caseId || !version) continue;
      const ofCase = versions.get(caseId) ?? new Map<number, number>();
      versions.set(caseId, ofCase);
      const first = ofCase.get(version);
      if (first !== undefined) row.fail('planVersion', `同じケースの同じ版が${first}行目にもあります`);
      else ofCase.set(version, row.line);
      ordered.push({ row, sourceId, caseId, version });
    }
    // The API numbers a case's versions 1, 2, … as they are drafted: each case's plans in the order of their versions.
    const firstLine = new Map<string, number>();
    for (const { caseId, row } of ordered) if (!firstLine.has(caseId)) firstLine.set(caseId, row.line);
    ordered.sort((a, b) => (firstLine.get(a.caseId) ?? 0) - (firstLine.get(b.caseId) ?? 0) || a.version - b.version);
    for (const { row, sourceId, caseId } of ordered) {
      if (state.aborted) return;
      if (row.problems.length > 0) continue;
      if (state.known.has(sourceId)) {
        state.unchanged += 1;
        continue;
      }
      const status = codeOrShortLabel(row, 'status', PLAN_STATUS_LABELS, SHORT_LABELS.planStatus);
      const goals = [
        ...goalItems(row.text('longGoals')).map((text) => ({ term: 'long', text, column: 'longGoals' })),
        ...goalItems(row.text('shortGoals')).map((text) => ({ term: 'short', text, column: 'shortGoals' })),
      ];
      if (row.problems.length > 0) continue;
      if (status && status !== 'draft') {
        state.notices.push({ line: row.line, column: row.header('status'), message: `「${PLAN_STATUS_LABELS[status]}」のプランは、承認した重層的支援会議の記録がないため「${PLAN_STATUS_LABELS.draft}」として取り込みます` });
      }
      const plain = {
        caseId,
        wishes: row.optional('wishes'),
        issueSummary: row.optional('issueSummary'),
        overallDirection: row.optional('overallDirection'),
        goals: goals.length > 0 ? goals.map(({ term, text }, index) => ({ id: `g${index + 1}`, term, text })) : undefined,
      };
      const rowFor = () => row;
      // goals.N is the cell of the N-th goal (長期 first, then 短期).
      const scoped: ImportTemplate = { ...template, fieldColumns: { ...template.fieldColumns, ...Object.fromEntries(goals.map(({ column }, index) => [`goals.${index}`, column])) } };
      const command = await this.validated(DraftPlanCommand, plain, scoped, rowFor);
      if (!command) continue;
      const plan = await this.write(state, scoped, rowFor, () =>
        this.plans.execute(command).catch((error: unknown) => {
          // The case's state refuses a plan: a problem of the case's cell.
          if (error instanceof DomainException && error.code === DomainErrorCode.InvalidTransition) throw DomainException.invalidField('caseId', error.message);
          throw error;
        }),
      );
      if (plan) await this.record(em, state, 'plans', sourceId, plan.id, row.line);
    }
  }
}

function reportErrors(errors: FieldErrors, template: ImportTemplate, rowFor: (field: string) => ImportRow): void {
  for (const [field, message] of Object.entries(errors)) rowFor(field).fail(columnOfField(template, field), japaneseMessage(message));
}

