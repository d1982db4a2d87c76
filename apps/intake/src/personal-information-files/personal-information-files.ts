import { Controller, Get, Injectable, Module, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { allPersonalInformationFiles, RETENTION_ACTION_LABELS, RETENTION_TRIGGER_LABELS, registerCsv, type PersonalInformationFile, type RegisterRow } from '@tsunagu/contracts';
import { Audited } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { RetentionRulesUseCase } from '../retention/retention-policy.usecase';
import { RetentionModule } from '../retention/retention.module';

const SERVICE_LABELS: Record<PersonalInformationFile['service'], string> = {
  intake: '包括的相談支援・多機関協働（intake）',
  outreach: 'アウトリーチ等を通じた継続的支援（outreach）',
  matching: '参加支援（matching）',
};

export class PersonalInformationFileView {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['intake', 'outreach', 'matching'] }) service!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ type: [String] }) items!: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Entities (tables) and their stored fields, checked against the data model by the services’ tests.',
  })
  entities!: Record<string, readonly string[]>;
  @ApiProperty() persons!: string;
  @ApiProperty({ type: [String] }) sources!: string[];
  @ApiProperty() sensitive!: boolean;
  @ApiProperty({ type: [String] }) recipients!: string[];
  @ApiProperty({
    description: '保存期間 as the municipality’s retention rules set it now.',
  })
  retention!: string;
}

/**
 * 個人情報ファイル簿 (APPI 75条): every service's declared files (libs/contracts, checked against each data model by the
 * services' tests) with the retention periods the municipality has set now.
 */
@Injectable()
export class PersonalInformationFilesUseCase {
  constructor(private readonly rules: RetentionRulesUseCase) {}

  async list(): Promise<PersonalInformationFileView[]> {
    const rules = new Map((await this.rules.list()).map((rule) => [rule.recordType, rule]));
    return allPersonalInformationFiles.map((file) => {
      let retention: string;
      if ('note' in file.retention) retention = file.retention.note;
      else {
        const rule = rules.get(file.retention.recordType);
        retention = rule ? `${RETENTION_TRIGGER_LABELS[rule.trigger] ?? rule.trigger}から${rule.years}年（年度末起算）の後、${RETENTION_ACTION_LABELS[rule.action] ?? rule.action}` : '';
      }
      return {
        ...file,
        items: [...file.items],
        sources: [...file.sources],
        recipients: [...file.recipients],
        retention,
      };
    });
  }

  async rows(): Promise<RegisterRow[]> {
    return (await this.list()).map((file) => ({
      name: file.name,
      service: SERVICE_LABELS[file.service as PersonalInformationFile['service']] ?? file.service,
      purpose: file.purpose,
      legalBasis: file.legalBasis,
      items: file.items.join('、'),
      persons: file.persons,
      sources: file.sources.join('、'),
      sensitive: file.sensitive ? '含む' : '含まない',
      recipients: file.recipients.length > 0 ? file.recipients.join('、') : 'なし',
      retention: file.retention,
    }));
  }
}

@ApiTags('personal-information files (個人情報ファイル簿)')
@Controller('personal-information-files')
@Roles('supervisor', 'auditor', 'admin')
@Audited('PersonalInformationFile')
export class PersonalInformationFilesController {
  constructor(private readonly files: PersonalInformationFilesUseCase) {}

  @Get()
  @ApiOperation({
    summary: '個人情報ファイル簿 (APPI 75条): the personal-information files of intake, outreach and matching, generated from the data model and the retention rules',
  })
  @ApiOkResponse({ type: [PersonalInformationFileView] })
  list(): Promise<PersonalInformationFileView[]> {
    return this.files.list();
  }

  @Get('csv')
  @ApiOperation({
    summary: 'The same register as CSV for Excel (UTF-8 with BOM)',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV, one row per file.',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async csv(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', 'attachment; filename="personal-information-files.csv"');
    return registerCsv(await this.files.rows());
  }
}

/** 個人情報ファイル簿 (issue 19). */
@Module({
  imports: [RetentionModule],
  controllers: [PersonalInformationFilesController],
  providers: [PersonalInformationFilesUseCase],
})
export class PersonalInformationFilesModule {}
