import { Module } from '@nestjs/common';
import { GetOrganizationUseCase, ListOrganizationsUseCase } from './list-organizations.usecase';
import { OrganizationsController } from './organizations.controller';
import { RegisterOrganizationUseCase } from './register-organization.usecase';
import { UpdateOrganizationUseCase } from './update-organization.usecase';

/** 支援関係機関 and community groups. */
@Module({
  controllers: [OrganizationsController],
  providers: [ListOrganizationsUseCase, GetOrganizationUseCase, RegisterOrganizationUseCase, UpdateOrganizationUseCase],
})
export class OrganizationsModule {}
