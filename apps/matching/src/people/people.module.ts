import { Global, Module } from '@nestjs/common';
import { DestructionLogController, DestructionLogReader } from '@tsunagu/platform-audit';
import { IntakePeopleHandlers } from './intake-people.handlers';
import { PersonDestroyedHandler } from './person-destroyed.handler';
import { NeedProtection } from './need-protection';

/** The copy of intake's people (ids, municipality, protections), the masking it drives, and erasure when intake destroys a person. */
@Global()
@Module({ controllers: [IntakePeopleHandlers, PersonDestroyedHandler, DestructionLogController], providers: [NeedProtection, DestructionLogReader], exports: [NeedProtection] })
export class PeopleModule {}
