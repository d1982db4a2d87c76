import { Module } from '@nestjs/common';
import { ProjectionHandlers } from './projection.handlers';
import { ProjectEventUseCase } from './project-event.usecase';
import { ProjectionStatusService } from './projection-status';

/** Event projections: the JetStream handlers, and the lag they run behind the stream. */
@Module({ controllers: [ProjectionHandlers], providers: [ProjectEventUseCase, ProjectionStatusService], exports: [ProjectionStatusService] })
export class ProjectionsModule {}
