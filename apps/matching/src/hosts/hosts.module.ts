import { Module } from '@nestjs/common';
import { HostsController } from './hosts.controller';
import { GetHostUseCase, ListHostsUseCase } from './list-hosts.usecase';
import { RegisterHostUseCase } from './register-host.usecase';
import { UpdateHostUseCase } from './update-host.usecase';

/** Hosts (受入先 / 協力事業者): the terms on which registry organisations take people in. */
@Module({ controllers: [HostsController], providers: [ListHostsUseCase, GetHostUseCase, RegisterHostUseCase, UpdateHostUseCase] })
export class HostsModule {}
