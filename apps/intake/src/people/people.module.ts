import { Module } from '@nestjs/common';
import { HouseholdsController } from './households.controller';
import { GetHouseholdUseCase, ListHouseholdsUseCase } from './list-households.usecase';
import { CheckDuplicatesUseCase, GetPersonUseCase, ListPersonsUseCase } from './list-persons.usecase';
import { AddressVisibility } from './person.view';
import { PersonsController } from './persons.controller';
import { RegisterHouseholdUseCase } from './register-household.usecase';
import { RegisterPersonUseCase } from './register-person.usecase';
import { UpdateHouseholdUseCase } from './update-household.usecase';
import { UpdatePersonUseCase } from './update-person.usecase';

/** People and households (対象者・世帯): the master record every form projects from. */
@Module({
  controllers: [PersonsController, HouseholdsController],
  providers: [
    AddressVisibility,
    ListPersonsUseCase,
    GetPersonUseCase,
    CheckDuplicatesUseCase,
    RegisterPersonUseCase,
    UpdatePersonUseCase,
    ListHouseholdsUseCase,
    GetHouseholdUseCase,
    RegisterHouseholdUseCase,
    UpdateHouseholdUseCase,
  ],
  exports: [AddressVisibility, GetPersonUseCase, ListPersonsUseCase, UpdatePersonUseCase, RegisterPersonUseCase, RegisterHouseholdUseCase],
})
export class PeopleModule {}
