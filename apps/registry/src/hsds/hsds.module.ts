import { Module } from '@nestjs/common';
import { ExportHsdsUseCase } from './export-hsds.usecase';
import { HsdsController } from './hsds.controller';
import { ImportHsdsUseCase } from './import-hsds.usecase';

/** Open Referral HSDS 3.x export and import. */
@Module({ controllers: [HsdsController], providers: [ExportHsdsUseCase, ImportHsdsUseCase] })
export class HsdsModule {}
