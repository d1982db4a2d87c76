import { Global, Module } from '@nestjs/common';
import { DestructionLogController, DestructionLogReader } from '@tsunagu/platform-audit';
import { IntakePeopleHandlers } from './intake-people.handlers';
import { PersonDestroyedHandler } from './person-destroyed.handler';
import { TargetProtection } from './target-protection';

/** The mirror of intake's people and households (ids, municipality, protections), the masking it drives, and erasure when intake destroys a person. */
@Global()
@Module({ controllers: [IntakePeopleHandlers, PersonDestroyedHandler, DestructionLogController], providers: [TargetProtection, DestructionLogReader], exports: [TargetProtection] })
export class PeopleModule {}
