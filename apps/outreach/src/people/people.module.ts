import { Global, Module } from '@nestjs/common';
import { IntakePeopleHandlers } from './intake-people.handlers';
import { TargetProtection } from './target-protection';

/** The mirror of intake's people and households (ids, municipality, protections) and the masking it drives. */
@Global()
@Module({ controllers: [IntakePeopleHandlers], providers: [TargetProtection], exports: [TargetProtection] })
export class PeopleModule {}
