import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Audited } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { CaseListQuery } from '../cases/case.dto';
import { STAFF_AND_AGENCY_ROLES, STAFF_ROLES } from '../shared/roles';
import { PrintFormsUseCase, type PrintedForm } from './print-forms.usecase';

const PDF = { description: 'A4 PDF (Noto Sans JP embedded), as an attachment with an ASCII file name.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } };

/**
 * 帳票 as PDF (`…/pdf` under the record): each route carries the roles and the audit resource of the record it prints,
 * and is audited as a read of it.
 */
@ApiTags('forms (帳票)')
@Controller()
export class FormsController {
  constructor(private readonly forms: PrintFormsUseCase) {}

  @Get('consultations/:id/pdf')
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @Audited('Consultation')
  @ApiOperation({ summary: '相談受付票 (相談受付・申込票) of a consultation' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  async consultation(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, await this.forms.consultation(id));
  }

  @Get('plans/:id/pdf')
  @Roles(...STAFF_ROLES)
  @Audited('SupportPlan')
  @ApiOperation({ summary: 'プラン兼利用申込書 (支援プラン) with the signature lines of the person, the 多機関協働事業者 and the municipality' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  async plan(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, await this.forms.plan(id));
  }

  @Get('plans/:id/evaluations/:evaluationId/pdf')
  @Roles(...STAFF_ROLES)
  @Audited('Evaluation', { idParam: 'evaluationId' })
  @ApiOperation({ summary: '評価シート of one evaluation of a plan' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  async evaluation(@Param('id', ParseUUIDPipe) id: string, @Param('evaluationId', ParseUUIDPipe) evaluationId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, await this.forms.evaluation(id, evaluationId));
  }

  @Get('meetings/:id/pdf')
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @Audited('Meeting')
  @ApiOperation({
    summary: '支援会議の記録 / 重層的支援会議の記録',
    description: 'The meeting, and its material for the secretariat and acknowledged attendees: 106条の6 material only in a 支援会議 record, never in a 重層的支援会議 one.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  async meeting(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, await this.forms.meeting(id));
  }

  @Get('cases/pdf')
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @Audited('MultiAgencyCase')
  @ApiOperation({ summary: 'ケース一覧: the cases the list endpoint answers with the same filters (desk-scoped), all pages' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  async caseList(@Query() query: CaseListQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, await this.forms.caseList(query));
  }

  @Get('cases/:id/progress-notes/pdf')
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @Audited('ProgressNote', { idParam: 'id' })
  @ApiOperation({ summary: '支援経過記録 of a case: text the caller may not read is printed as 「（表示できません）」' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  async progress(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, await this.forms.progress(id));
  }
}

function send(reply: FastifyReply, form: PrintedForm): Buffer {
  reply.header('content-type', 'application/pdf');
  reply.header('content-disposition', `attachment; filename="${form.fileName}"`);
  reply.header('cache-control', 'no-store');
  return form.body;
}
