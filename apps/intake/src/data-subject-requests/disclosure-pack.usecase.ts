import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  CollectMatchingSubjectRecordsRpc,
  CollectOutreachSubjectRecordsRpc,
  SUBJECT_RECORD_TYPE_LABELS,
  subjectRecordFieldLabel,
  subjectRecordPartLabel,
  WITHHOLDING_GROUND_LABELS,
  type SubjectRecordsResponse,
  type WithholdingGround,
} from '@tsunagu/contracts';
import { AuditService, recordAuditSubjects, subjectAccessLog } from '@tsunagu/platform-audit';
import { TSUNAGU_CONFIG } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { RpcClient } from '@tsunagu/platform-messaging';
import { formatWareki } from '@tsunagu/util-japanese-calendar';
import { FormDocument, warekiDateTime } from '@tsunagu/util-pdf-forms';
import type { IntakeConfig } from '../config';
import { collectIntakeRecords } from './collect-intake-records';
import { DataSubjectRequestsUseCase } from './data-subject-requests.usecase';
import { ARTICLE_78_GROUND_LABELS, REQUEST_DECISION_LABELS, REQUESTER_RELATION_LABELS, type Article78Ground } from './request-codes';

export interface PackWithheld {
  service: string;
  type: string;
  id: string | null;
  part: string;
  /** `part` in Japanese (「世帯員（2件目）」). */
  partLabel: string;
  ground: WithholdingGround;
  groundLabel: string;
}

/** The 開示請求 pack: what every service holds about the person, what is withheld and why, and who saw them. */
export interface DisclosurePack {
  requestNo: string;
  personId: string;
  municipality: string;
  generatedAt: string;
  generatedBy: string;
  decision: string | null;
  decisionReason: string | null;
  article78Grounds: { code: Article78Ground; label: string }[];
  services: SubjectRecordsResponse[];
  /**
   * The human-readable key to `services`: per record type in the pack, its type in Japanese and every field name
   * (nested keys included) it uses, in Japanese — the records keep their API names.
   */
  fieldLabels: Record<string, { label: string; fields: Record<string, string> }>;
  withheld: PackWithheld[];
}

export interface PackFile {
  body: Buffer;
  fileName: string;
}

const SERVICE_LABELS: Record<string, string> = {
  intake: '包括的相談支援・多機関協働（相談・ケース）',
  outreach: 'アウトリーチ等を通じた継続的支援',
  matching: '参加支援',
};

/**
 * Builds the pack of a decided 開示請求 (全部開示 or 一部開示): intake's records read here, outreach's and matching's asked
 * for over NATS request-reply (`tsunagu.rpc.<service>.subject-records.collect`, as the requesting municipality). A peer
 * that does not answer fails the download (503) rather than hand out an incomplete pack. Nothing of it is stored: the
 * pack is built on each download, audited as a read naming the person.
 */
@Injectable()
export class DisclosurePackUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly requests: DataSubjectRequestsUseCase,
    private readonly rpc: RpcClient,
    private readonly audit: AuditService,
    @Inject(TSUNAGU_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async build(id: string): Promise<DisclosurePack> {
    const request = await this.requests.get(id);
    if (request.kind !== 'disclosure') throw DomainException.invalidField('id', 'only a 開示請求 has a pack');
    if (request.status !== 'decided' && request.status !== 'completed') {
      throw new DomainException(DomainErrorCode.InvalidTransition, `Request ${request.requestNo} is ${request.status}: a pack is made once disclosure is decided (全部開示 or 一部開示)`);
    }
    const municipality = TenantContext.requireMunicipality();
    const principal = TenantContext.principal();
    recordAuditSubjects([request.personId]);
    const intake = await this.em.transactional((em) => collectIntakeRecords(em, request.personId));
    const intakeLog = await subjectAccessLog(this.audit, municipality, request.personId);
    const [outreach, matching] = await Promise.all([
      // As the requesting municipality: RpcClient sends it from this TenantContext in a header (ADR 0015).
      this.rpc.call(CollectOutreachSubjectRecordsRpc, { personId: request.personId }),
      this.rpc.call(CollectMatchingSubjectRecordsRpc, { personId: request.personId }),
    ]);
    const services: SubjectRecordsResponse[] = [
      {
        service: 'intake',
        records: intake.records,
        withheld: intake.withheld,
        accessLog: intakeLog.entries,
        accessLogOmitted: intakeLog.omitted,
      },
      outreach,
      matching,
    ];
    return {
      requestNo: request.requestNo,
      personId: request.personId,
      municipality,
      generatedAt: new Date().toISOString(),
      generatedBy: principal?.subject ?? '',
      decision: request.decision,
      decisionReason: request.decisionReason,
      article78Grounds: request.article78Grounds.map((code) => ({
        code,
        label: ARTICLE_78_GROUND_LABELS[code],
      })),
      services,
      fieldLabels: fieldLabelsOf(services),
      withheld: services.flatMap((part) =>
        part.withheld.map((item) => ({
          service: part.service,
          ...item,
          partLabel: subjectRecordPartLabel(item.type, item.part),
          groundLabel: WITHHOLDING_GROUND_LABELS[item.ground],
        })),
      ),
    };
  }

  async json(id: string): Promise<PackFile> {
    const pack = await this.build(id);
    return {
      body: Buffer.from(JSON.stringify(pack, null, 2), 'utf8'),
      fileName: `${asciiName(pack.requestNo)}.json`,
    };
  }

  async pdf(id: string): Promise<PackFile> {
    const pack = await this.build(id);
    const request = await this.requests.get(id);
    const municipality = this.config.FORMS_MUNICIPALITY_NAME || `地方公共団体コード ${pack.municipality}`;
    const form = new FormDocument({
      title: '保有個人情報の開示',
      subtitle: `開示請求番号 ${pack.requestNo}`,
      municipality,
    });
    form.heading('開示請求').fields([
      ['開示請求番号', pack.requestNo],
      ['請求日', formatWareki(request.requestedAt)],
      ['請求者', REQUESTER_RELATION_LABELS[request.requesterRelation]],
      ['決定', request.decision ? REQUEST_DECISION_LABELS.disclosure[request.decision] : ''],
      ['決定日', formatWareki(request.decidedAt)],
      ['作成日時', warekiDateTime(pack.generatedAt)],
    ]);
    if (pack.decisionReason) form.textBlock('決定の理由', pack.decisionReason);
    if (pack.article78Grounds.length > 0) form.textBlock('不開示情報（個人情報保護法78条1項）', pack.article78Grounds.map((ground) => ground.label).join('\n'));
    form.note('この資料は、当市が保有するあなたの個人情報を、つなぐ（重層的支援体制整備事業の支援記録システム）の各業務から集めたものです。');
    for (const part of pack.services) {
      form.heading(`${SERVICE_LABELS[part.service] ?? part.service}の記録（${part.records.length}件）`);
      if (part.records.length === 0) form.note('該当する記録はありません。');
      for (const record of part.records) {
        form.note(`${SUBJECT_RECORD_TYPE_LABELS[record.type] ?? record.type}（${record.id}）`);
        await form.table(
          [
            { header: '項目', width: 0.3 },
            { header: '内容', width: 0.7 },
          ],
          Object.entries(record.fields).map(([key, value]) => [labelOf(record.type, key), printable(record.type, value)]),
        );
      }
    }
    form.heading(`開示しない情報とその理由（${pack.withheld.length}件）`);
    await form.table(
      [
        { header: '記録', width: 0.3 },
        { header: '部分', width: 0.3 },
        { header: '理由', width: 0.4 },
      ],
      pack.withheld.map((item) => [`${SUBJECT_RECORD_TYPE_LABELS[item.type] ?? item.type}${item.id ? `（${item.id.slice(0, 8)}…）` : ''}`, item.partLabel, item.groundLabel]),
    );
    for (const part of pack.services) {
      form.heading(`閲覧・操作の記録：${SERVICE_LABELS[part.service] ?? part.service}（${part.accessLog.length}件${part.accessLogOmitted ? `、ほか${part.accessLogOmitted}件` : ''}）`);
      await form.table(
        [
          { header: '日時', width: 0.24 },
          { header: '操作者', width: 0.22 },
          { header: '役割・所属', width: 0.2 },
          { header: '操作', width: 0.34 },
        ],
        part.accessLog.map((entry) => [
          warekiDateTime(entry.occurredAt),
          entry.actor,
          [entry.roles.join(' '), entry.agency ?? ''].filter(Boolean).join(' / '),
          `${entry.action} ${SUBJECT_RECORD_TYPE_LABELS[entry.resourceType] ?? entry.resourceType}（${entry.outcome}）`,
        ]),
      );
    }
    return {
      body: await form.end(),
      fileName: `${asciiName(pack.requestNo)}.pdf`,
    };
  }
}

/** A field's (or nested key's) name in Japanese; the API name only should the label table lack it (a test keeps it complete). */
function labelOf(type: string, key: string): string {
  return subjectRecordFieldLabel(type, key) ?? key;
}

/**
 * A field's value as lines of text: objects as 「項目: value」 lines (keys in Japanese), arrays item by item. Not JSON:
 * text without break opportunities (braces, quotes, commas) makes the PDF's line wrapping measure it character by character.
 */
function printable(type: string, value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const indent = '\u3000'.repeat(depth);
  if (Array.isArray(value)) return value.map((item) => `${indent}・${printable(type, item, depth + 1).trimStart()}`).join('\n');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => {
      const text = printable(type, item, depth + 1);
      return text.includes('\n') ? `${indent}${labelOf(type, key)}:\n${text}` : `${indent}${labelOf(type, key)}: ${text}`;
    })
    .join('\n');
}

/** Every record type of the pack with every key its records use (nested ones too), in Japanese. */
function fieldLabelsOf(services: readonly SubjectRecordsResponse[]): DisclosurePack['fieldLabels'] {
  const labels: DisclosurePack['fieldLabels'] = {};
  const collect = (type: string, fields: Record<string, string>, value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) collect(type, fields, item);
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        fields[key] = labelOf(type, key);
        collect(type, fields, item);
      }
    }
  };
  for (const record of services.flatMap((part) => part.records)) {
    labels[record.type] ??= { label: SUBJECT_RECORD_TYPE_LABELS[record.type] ?? record.type, fields: {} };
    collect(record.type, labels[record.type].fields, record.fields);
  }
  return labels;
}

function asciiName(requestNo: string): string {
  return requestNo.replace(/[^A-Za-z0-9_-]/g, '');
}
