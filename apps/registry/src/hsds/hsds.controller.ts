import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedExport, RegistryAdmin, RegistryReader } from '../shared/access';
import { ExportHsdsUseCase } from './export-hsds.usecase';
import type { HsdsPackage } from './hsds.types';
import { ImportHsdsUseCase, type ImportHsdsResult } from './import-hsds.usecase';

const PACKAGE_SCHEMA = {
  type: 'object',
  description: 'Open Referral HSDS 3.x package (https://docs.openreferral.org/en/latest/hsds/).',
  properties: {
    organizations: { type: 'array', items: { type: 'object' } },
    services: { type: 'array', items: { type: 'object' } },
    locations: { type: 'array', items: { type: 'object' } },
    service_at_locations: { type: 'array', items: { type: 'object' } },
    schedules: { type: 'array', items: { type: 'object' } },
  },
};

@ApiTags('hsds (Open Referral)')
@RegistryReader()
@Controller('hsds')
export class HsdsController {
  constructor(
    private readonly exportHsds: ExportHsdsUseCase,
    private readonly importHsds: ImportHsdsUseCase,
  ) {}

  @AuditedExport('HsdsPackage')
  @Get('export')
  @ApiOperation({ summary: 'Export organisations, resources (services), districts (locations) and schedules as HSDS 3.x' })
  @ApiOkResponse({ schema: PACKAGE_SCHEMA })
  export(): Promise<HsdsPackage> {
    return this.exportHsds.execute();
  }

  @RegistryAdmin('HsdsPackage', 'import')
  @Post('import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import an HSDS 3.x package (create or update by id; all or nothing)' })
  @ApiBody({ schema: PACKAGE_SCHEMA })
  @ApiOkResponse({ schema: { type: 'object', properties: { organizations: { type: 'integer' }, services: { type: 'integer' }, locations: { type: 'integer' } } } })
  import(@Body() body: unknown): Promise<ImportHsdsResult> {
    return this.importHsds.execute(body);
  }
}
