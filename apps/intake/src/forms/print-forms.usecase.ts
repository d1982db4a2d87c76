import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  AGENDA_ITEM_LABELS,
  CASE_STATUS_LABELS,
  CASE_TRACK_LABELS,
  CLOSURE_REASON_LABELS,
  CONSULTANT_RELATION_LABELS,
  CONSULTATION_CATEGORY_LABELS,
  CONSULTATION_CONSENT_STATUS_LABELS,
  CONSULTATION_ROUTE_LABELS,
  CONSULTATION_STATUS_LABELS,
  DISPOSITION_LABELS,
  EVALUATION_DECISION_LABELS,
  GOAL_RESULT_LABELS,
  GOAL_TERM_LABELS,
  ISSUE_TAG_LABELS,
  LEGAL_BASIS_LABELS,
  MEETING_STATUS_LABELS,
  NOTE_KIND_LABELS,
  ORGANIZATION_TYPE_LABELS,
  PLAN_STATUS_LABELS,
  URGENCY_LABELS,
} from '@tsunagu/contracts';
import { recordAuditSubjects } from '@tsunagu/platform-audit';
import { TSUNAGU_CONFIG } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { MAX_PAGE_SIZE } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import type { ListPage } from '@tsunagu/platform-persistence';
import { OrganizationCopy } from '@tsunagu/registry-organization-copy';
import { formatWareki } from '@tsunagu/util-japanese-calendar';
import { FormDocument, WITHHELD_TEXT, warekiDateTime } from '@tsunagu/util-pdf-forms';
import { CaseListQuery, type CaseView } from '../cases/case.dto';
import { GetCaseUseCase, ListCasesUseCase } from '../cases/list-cases.usecase';
import type { IntakeConfig } from '../config';
import { GetConsultationUseCase } from '../consultations/list-consultations.usecase';
import { BuildMeetingPackUseCase } from '../meetings/build-meeting-pack.usecase';
import { ListMeetingsUseCase } from '../meetings/list-meetings.usecase';
import type { MeetingPackView } from '../meetings/meeting.dto';
import { GetPersonUseCase, ListPersonsUseCase } from '../people/list-persons.usecase';
import { PersonListQuery, type PersonView } from '../people/person.dto';
import { ListPlansUseCase } from '../plans/list-plans.usecase';
import { ListProgressNotesUseCase } from '../progress-notes/list-progress-notes.usecase';
import { ProgressNoteListQuery, type ProgressNoteView } from '../progress-notes/progress-note.dto';
import { addressText, birthDateText, labelsOf, pdfFileName, personKana, personName, phonesText, sexText, shown } from './form-text';

export interface PrintedForm {
  body: Buffer;
  fileName: string;
}

/** Rows a ケース一覧 prints at most (a filter narrows a longer list; the form says so). */
export const CASE_LIST_PRINT_MAX = 2000;
/** 支援経過 entries one 支援経過記録 prints at most (the newest are kept). */
export const PROGRESS_PRINT_MAX = 5000;

/**
 * 帳票 (DOMAIN §2.1–2.5) as PDF. Each form reads through the same use case as the record's own endpoint, so it is shown
 * to the same desks, withholds the same fields (printed as 「（表示できません）」) and names the same audit subjects;
 * the persons it prints are added to the read's audit record.
 */
@Injectable()
export class PrintFormsUseCase {
  constructor(
    private readonly em: EntityManager,
    @Inject(TSUNAGU_CONFIG) private readonly config: IntakeConfig,
    private readonly consultations: GetConsultationUseCase,
    private readonly persons: GetPersonUseCase,
    private readonly personList: ListPersonsUseCase,
    private readonly plans: ListPlansUseCase,
    private readonly cases: GetCaseUseCase,
    private readonly listCases: ListCasesUseCase,
    private readonly meetings: ListMeetingsUseCase,
    private readonly packs: BuildMeetingPackUseCase,
    private readonly notes: ListProgressNotesUseCase,
  ) {}

  /** 相談受付票 (相談受付・申込票). */
  async consultation(id: string): Promise<PrintedForm> {
    const view = await this.consultations.execute(id);
    const [person, organizations] = await Promise.all([this.person(view.personId), this.organizationLabels([view.receivingOrganizationId, view.referrerOrganizationId])]);
    const withheld = view.withheldFields;
    const form = this.form('相談受付票', `受付番号 ${view.receptionNo}`);
    form.heading('受付').fields([
      ['受付日時', warekiDateTime(view.receivedAt)],
      ['受付番号', view.receptionNo],
      ['受付機関', organizations.get(view.receivingOrganizationId) ?? ''],
      ['受付者', view.receiverStaff],
      ['相談経路', CONSULTATION_ROUTE_LABELS[view.route] ?? view.route],
      ['紹介元', view.referrerOrganizationId ? (organizations.get(view.referrerOrganizationId) ?? '') : ''],
    ]);
    form.heading('本人').fields(this.personRows(view.personId ? person : null));
    form.heading('来談者').fields([
      ['本人との関係', CONSULTANT_RELATION_LABELS[view.consultantRelation] ?? view.consultantRelation],
      ['詳細', view.consultantRelationDetail],
    ]);
    form.heading('相談内容').fields(
      [
        ['相談分野', view.categories === null ? shown(null, 'categories', withheld) : labelsOf(view.categories, CONSULTATION_CATEGORY_LABELS)],
        ['主な相談', view.primaryCategory === null ? shown(null, 'primaryCategory', withheld) : (CONSULTATION_CATEGORY_LABELS[view.primaryCategory] ?? '')],
        ['課題タグ', view.issueTags === null ? shown(null, 'issueTags', withheld) : labelsOf(view.issueTags, ISSUE_TAG_LABELS)],
        ['緊急度', URGENCY_LABELS[view.urgency] ?? view.urgency],
      ],
      2,
    );
    form.textBlock('相談されたいこと（主訴）', shown(view.mainComplaint, 'mainComplaint', withheld));
    form.heading('申込・同意').fields([
      ['情報共有の同意', CONSULTATION_CONSENT_STATUS_LABELS[view.consentStatus] ?? view.consentStatus],
      ['対応', view.disposition ? (DISPOSITION_LABELS[view.disposition] ?? view.disposition) : ''],
      ['状況', CONSULTATION_STATUS_LABELS[view.status] ?? view.status],
      ['終了日', formatWareki(view.closedAt)],
    ]);
    form.note('「個人情報に関する管理・取扱規程」の説明を受け、支援の利用を申し込み、関係機関と情報を共有することに同意します。');
    form.signatures(['本人署名', '受付者']);
    return { body: await form.end(), fileName: pdfFileName('consultation', view.receptionNo) };
  }

  /** 支援プラン (プラン兼利用申込書) with the signature lines of the person and the municipality. */
  async plan(id: string): Promise<PrintedForm> {
    const plan = await this.plans.get(id);
    const record = await this.cases.execute(plan.caseId);
    const person = await this.person(record.keyPersonId);
    const organizations = await this.organizationLabels((plan.actions ?? []).map((action) => action.organizationId));
    const form = this.form('プラン兼利用申込書（支援プラン）', `ケース番号 ${record.caseNo}\u3000第${plan.planVersion}版`);
    form.heading('基本情報').fields([
      ['ケース番号', record.caseNo],
      ['プラン版', `第${plan.planVersion}版（${PLAN_STATUS_LABELS[plan.status] ?? plan.status}）`],
      ['作成日', formatWareki(plan.createdOn)],
      ['作成者', plan.authorStaff],
      ['次回評価予定日', formatWareki(plan.nextReviewOn)],
      ['支援決定日', formatWareki(record.supportDecidedOn)],
    ]);
    form.heading('本人').fields(this.personRows(person).slice(0, 4));
    form.textBlock('本人・世帯の意向', plan.wishes);
    form.textBlock('課題整理', plan.issueSummary);
    form.textBlock('総合的な支援の方向性', plan.overallDirection);
    form.heading('目標');
    await form.table(
      [
        { header: '区分', width: 0.12 },
        { header: '目標', width: 0.66 },
        { header: '達成予定日', width: 0.22 },
      ],
      (plan.goals ?? []).map((goal) => [GOAL_TERM_LABELS[goal.term] ?? goal.term, goal.text, formatWareki(goal.targetDate)]),
    );
    form.heading('役割分担');
    await form.table(
      [
        { header: '機関', width: 0.2 },
        { header: '役割', width: 0.16 },
        { header: '支援内容', width: 0.36 },
        { header: '頻度', width: 0.1 },
        { header: '期間', width: 0.18 },
      ],
      (plan.actions ?? []).map((action) => [
        `${organizations.get(action.organizationId) ?? ''}${action.isLead ? '（主担当）' : ''}`,
        action.role,
        action.content,
        action.frequency,
        [formatWareki(action.start), formatWareki(action.end)].filter(Boolean).join('〜'),
      ]),
    );
    form.heading('事業の利用').fields([
      ['参加支援事業', plan.usesParticipationSupport ? '■ 利用する' : '□ 利用しない'],
      ['アウトリーチ事業', plan.usesOutreach ? '■ 利用する' : '□ 利用しない'],
    ]);
    form.note('上記のプランに同意し、事業の利用を申し込みます。');
    form.signatures(['本人署名', '多機関協働事業者', '市（支援決定）']);
    return { body: await form.end(), fileName: pdfFileName('plan', `${record.caseNo}-v${plan.planVersion}`) };
  }

  /** 評価シート: one evaluation of a plan, against the plan's goals. */
  async evaluation(planId: string, evaluationId: string): Promise<PrintedForm> {
    const plan = await this.plans.get(planId);
    const evaluation = (await this.plans.evaluations(planId)).find((candidate) => candidate.id === evaluationId);
    if (!evaluation) throw DomainException.notFound('Evaluation', evaluationId);
    const record = await this.cases.execute(plan.caseId);
    const person = await this.person(record.keyPersonId);
    const form = this.form('評価シート', `ケース番号 ${record.caseNo}\u3000第${plan.planVersion}版`);
    form.heading('基本情報').fields([
      ['ケース番号', record.caseNo],
      ['プラン版', `第${plan.planVersion}版`],
      ['評価日', formatWareki(evaluation.evaluatedOn)],
      ['本人氏名', personName(person)],
    ]);
    form.heading('目標ごとの評価');
    const goals = new Map((plan.goals ?? []).map((goal) => [goal.id, goal]));
    await form.table(
      [
        { header: '目標', width: 0.42 },
        { header: '結果', width: 0.14 },
        { header: '所見', width: 0.44 },
      ],
      evaluation.goalResults.map((result) => [goals.get(result.goalId)?.text ?? result.goalId, GOAL_RESULT_LABELS[result.result] ?? result.result, result.note]),
    );
    form.heading('判定').fields([
      ['判定', EVALUATION_DECISION_LABELS[evaluation.decision] ?? evaluation.decision],
      ['終結理由', record.closureReason ? (CLOSURE_REASON_LABELS[record.closureReason] ?? '') : ''],
    ]);
    form.signatures(['評価者', '確認者']);
    return { body: await form.end(), fileName: pdfFileName('evaluation', `${record.caseNo}-${evaluation.evaluatedOn}`) };
  }

  /**
   * 支援会議の記録 / 重層的支援会議の記録: the meeting, and — for callers who may read its material — the notes its
   * pack carries. The pack's bases decide: a 重層的支援会議 never prints 106条の6 material.
   */
  async meeting(id: string): Promise<PrintedForm> {
    const view = await this.meetings.get(id);
    const pack: MeetingPackView | null = view.materialWithheld ? null : await this.packs.execute(id);
    const organizations = await this.organizationLabels([view.convenerOrganizationId, ...view.attendees.map((attendee) => attendee.organizationId)]);
    const title = view.legalType === 'support-meeting-106-6' ? '支援会議の記録' : `${view.legalType === 'jusou-meeting' ? '重層的支援会議' : view.legalTypeLabel}の記録`;
    const form = this.form(title, view.localName ?? undefined);
    form.heading('会議').fields([
      ['会議種別', view.legalTypeLabel],
      ['名称', view.localName],
      ['開催日時', warekiDateTime(view.heldAt)],
      ['場所', view.place],
      ['招集機関', organizations.get(view.convenerOrganizationId) ?? ''],
      ['議長', view.chairStaff],
      ['状況', MEETING_STATUS_LABELS[view.status] ?? view.status],
    ]);
    form.heading('出席者');
    await form.table(
      [
        { header: '氏名', width: 0.3 },
        { header: '所属', width: 0.4 },
        { header: '守秘義務の確認', width: 0.3 },
      ],
      view.attendees.map((attendee) => [attendee.name, organizations.get(attendee.organizationId) ?? '', warekiDateTime(attendee.confidentialityAckAt)]),
    );
    const caseNos = new Map(pack?.cases.map((item) => [item.caseId, item.caseNo]) ?? []);
    form.heading('検討事例');
    await form.table(
      [
        { header: 'ケース番号', width: 0.3 },
        { header: '議題', width: 0.7 },
      ],
      view.cases.map((item) => [caseNos.get(item.caseId) ?? '', AGENDA_ITEM_LABELS[item.agenda] ?? item.agenda]),
    );
    form.heading('決定事項');
    await form.table(
      [
        { header: 'ケース番号', width: 0.2 },
        { header: '決定', width: 0.5 },
        { header: '役割分担', width: 0.3 },
      ],
      view.decisions.map((decision) => [caseNos.get(decision.caseId) ?? '', decision.decision, (decision.roleAssignments ?? []).map((role) => role.role).join('、')]),
    );
    form.textBlock('議事録', view.materialWithheld ? WITHHELD_TEXT : view.minutes);
    form.heading('会議資料（支援経過）');
    if (!pack) form.note(`${WITHHELD_TEXT}\u3000会議資料は事務局と守秘義務を確認した出席者にのみ出力されます。`);
    else {
      form.note(`この記録に含める情報の根拠: ${labelsOf(pack.includedBases, LEGAL_BASIS_LABELS)}`);
      for (const item of pack.cases) {
        await form.table(
          [
            { header: `${item.caseNo} 日時`, width: 0.22 },
            { header: '種別・根拠', width: 0.2 },
            { header: '内容', width: 0.58 },
          ],
          item.notes.map((note) => [warekiDateTime(note.occurredAt), `${NOTE_KIND_LABELS[note.kind as keyof typeof NOTE_KIND_LABELS] ?? note.kind}\n${LEGAL_BASIS_LABELS[note.legalBasis as keyof typeof LEGAL_BASIS_LABELS] ?? ''}`, note.text]),
        );
      }
    }
    if (view.legalType === 'support-meeting-106-6') form.note('社会福祉法第106条の6第5項により、この記録の内容を正当な理由なく漏らしてはなりません。');
    return { body: await form.end(), fileName: pdfFileName('meeting', view.heldAt.slice(0, 10)) };
  }

  /** 支援経過記録 of a case: every note the caller may list, the text of those it may not read printed as withheld. */
  async progress(caseId: string): Promise<PrintedForm> {
    const record = await this.cases.execute(caseId);
    const person = await this.person(record.keyPersonId);
    const notes = await this.everyPage<ProgressNoteView>((page) => this.notes.execute(Object.assign(new ProgressNoteListQuery(), { caseId, page, perPage: MAX_PAGE_SIZE, sort: '-occurredAt' })), PROGRESS_PRINT_MAX);
    const organizations = await this.organizationLabels(notes.items.map((note) => note.authorOrganizationId));
    const form = this.form('支援経過記録', `ケース番号 ${record.caseNo}`);
    form.heading('基本情報').fields([
      ['ケース番号', record.caseNo],
      ['開始日', formatWareki(record.openedOn)],
      ['本人氏名', personName(person)],
      ['ふりがな', personKana(person)],
    ]);
    form.heading('経過');
    if (notes.total > notes.items.length) form.note(`全${notes.total}件のうち新しい${notes.items.length}件を出力しています。`);
    await form.table(
      [
        { header: '日時', width: 0.18 },
        { header: '種別', width: 0.1 },
        { header: '記録者', width: 0.17 },
        { header: '内容', width: 0.55 },
      ],
      [...notes.items].reverse().map((note) => [
        warekiDateTime(note.occurredAt) + (note.durationMin ? `\n（${note.durationMin}分）` : ''),
        NOTE_KIND_LABELS[note.kind] ?? note.kind,
        [organizations.get(note.authorOrganizationId ?? ''), note.authorStaff].filter(Boolean).join('\n'),
        shown(note.text, 'text', note.withheldFields),
      ]),
    );
    return { body: await form.end(), fileName: pdfFileName('progress', record.caseNo) };
  }

  /** ケース一覧 with the list endpoint's filters, desk-scoped by the same use case. */
  async caseList(query: CaseListQuery): Promise<PrintedForm> {
    const cases = await this.everyPage<CaseView>((page) => this.listCases.execute(Object.assign(new CaseListQuery(), { ...query, page, perPage: MAX_PAGE_SIZE })), CASE_LIST_PRINT_MAX);
    const people = await this.personsById(cases.items.map((item) => item.keyPersonId));
    const form = this.form('ケース一覧');
    const filters = [
      query.status ? `状況: ${CASE_STATUS_LABELS[query.status]}` : '',
      query.track ? `区分: ${CASE_TRACK_LABELS[query.track]}` : '',
      query.mine === true ? '担当: 自分' : query.mine === false ? '担当: 自分以外' : '',
      query.q ? `検索: ${query.q}` : '',
    ].filter(Boolean);
    form.note(`${cases.total}件${filters.length ? `（${filters.join('\u3000')}）` : ''}${cases.total > cases.items.length ? `\u3000うち${cases.items.length}件を出力` : ''}`);
    await form.table(
      [
        { header: 'ケース番号', width: 0.14 },
        { header: '開始日', width: 0.15 },
        { header: '本人氏名', width: 0.2 },
        { header: '区分', width: 0.14 },
        { header: '状況', width: 0.13 },
        { header: '支援決定日', width: 0.12 },
        { header: '終結日', width: 0.12 },
      ],
      cases.items.map((item) => [
        item.caseNo,
        formatWareki(item.openedOn, 'short'),
        personName(people.get(item.keyPersonId)),
        CASE_TRACK_LABELS[item.track] ?? item.track,
        CASE_STATUS_LABELS[item.status] ?? item.status,
        formatWareki(item.supportDecidedOn, 'short'),
        formatWareki(item.closedOn, 'short'),
      ]),
    );
    return { body: await form.end(), fileName: pdfFileName('cases', new Date().toISOString().slice(0, 10)) };
  }

  private form(title: string, subtitle?: string): FormDocument {
    const municipality = this.config.FORMS_MUNICIPALITY_NAME || `地方公共団体コード ${TenantContext.municipality() ?? this.config.MUNICIPALITY}`;
    return new FormDocument({ title, subtitle, municipality });
  }

  private personRows(person: PersonView | undefined | null): [string, string][] {
    if (person === null) return [['氏名', '（未登録）']];
    return [
      ['ふりがな', personKana(person)],
      ['氏名', personName(person)],
      ['生年月日', birthDateText(person)],
      ['性別', sexText(person)],
      ['住所', addressText(person)],
      ['電話', phonesText(person)],
    ];
  }

  /** The person as the caller may see them; one it may not see prints as withheld (the record itself was visible). */
  private async person(id: string | null): Promise<PersonView | undefined> {
    if (!id) return undefined;
    recordAuditSubjects([id]);
    try {
      return await this.persons.execute(id);
    } catch (error) {
      if (error instanceof DomainException && error.code === DomainErrorCode.NotFound) return undefined;
      throw error;
    }
  }

  private async personsById(ids: readonly string[]): Promise<Map<string, PersonView>> {
    const unique = [...new Set(ids)];
    recordAuditSubjects(unique);
    const found = new Map<string, PersonView>();
    for (let start = 0; start < unique.length; start += MAX_PAGE_SIZE) {
      const page = await this.personList.execute(Object.assign(new PersonListQuery(), { ids: unique.slice(start, start + MAX_PAGE_SIZE), perPage: MAX_PAGE_SIZE }));
      for (const person of page.items) found.set(person.id, person);
    }
    return found;
  }

  /** Organisations by their type (intake keeps no names of organisations: the registry owns them). */
  private async organizationLabels(ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
    if (!wanted.length) return new Map();
    const copies = await this.em.find(OrganizationCopy, { id: { $in: wanted } });
    return new Map(copies.map((copy) => [copy.id, ORGANIZATION_TYPE_LABELS[copy.type] ?? copy.type]));
  }

  private async everyPage<T>(read: (page: number) => Promise<ListPage<T>>, max: number): Promise<{ items: T[]; total: number }> {
    const items: T[] = [];
    let total = 0;
    for (let page = 1; items.length < max; page += 1) {
      const result = await read(page);
      total = result.total;
      items.push(...result.items);
      if (result.items.length < MAX_PAGE_SIZE || items.length >= total) break;
    }
    return { items: items.slice(0, max), total };
  }
}
