import { Global, Module } from '@nestjs/common';
import { IntakePeopleHandlers } from './intake-people.handlers';
import { NeedProtection } from './need-protection';

/** The copy of intake's people (ids, municipality, protections) and the masking it drives. */
@Global()
@Module({ controllers: [IntakePeopleHandlers], providers: [NeedProtection], exports: [NeedProtection] })
export class PeopleModule {}
