import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { PersonRegistered } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-http';
import { PersonVisibility } from '../access/person-visibility';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { findDuplicateCandidates } from './find-duplicates';
import { Person } from './person.entity';
import type { DuplicateCandidateView, PersonView, RegisterPersonCommand } from './person.dto';
import { AddressVisibility, applyPersonFields } from './person.view';
import { protectionsOf, recordProtection } from './protection';

@Injectable()
export class RegisterPersonUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly visibility: AddressVisibility,
    private readonly people: PersonVisibility,
  ) {}

  async execute(command: RegisterPersonCommand): Promise<PersonView> {
    return this.em.transactional(async (em) => {
      const { confirmNotDuplicate, ...fields } = command;
      const person = this.build(fields);
      if (!confirmNotDuplicate) {
        const candidates = await this.duplicateCandidates(em, person);
        if (candidates.length > 0) {
          // Nothing is written: staff compare the candidates and either use one or resend with confirmNotDuplicate.
          throw new DomainException(
            DomainErrorCode.Conflict,
            `${candidates.length} existing person(s) may be the same person; check them, then use one or resend with confirmNotDuplicate: true`,
            { candidates },
          );
        }
      }
      await this.save(em, person);
      return this.visibility.view(person);
    });
  }

  /** A new person from the fields, checked by the domain rules (400 naming the field); nothing is written yet. */
  build(fields: Omit<RegisterPersonCommand, 'confirmNotDuplicate'>): Person {
    const person = new Person();
    applyPersonFields(person, fields);
    // Registering is a relationship of the caller's desk with the person (they keep seeing whom they registered).
    person.registeredByOrganizationId = this.people.organizationOf() ?? null;
    return person;
  }

  /** Existing people the caller may see who may be the same person (DOMAIN §6.3). */
  duplicateCandidates(em: EntityManager, person: Person): Promise<DuplicateCandidateView[]> {
    return findDuplicateCandidates(em, {
      familyNameKana: person.familyNameKana,
      givenNameKana: person.givenNameKana,
      birthDate: person.birthDate,
      phones: person.phones.map((phone) => phone.number),
    }, this.people.filter('id'));
  }

  /** Writes a built person and its events (PersonRegistered, and the protection when there is one) in `em`'s transaction. */
  async save(em: EntityManager, person: Person): Promise<void> {
    em.persist(person);
    await em.flush();
    this.events.record(em, PersonRegistered, person.id, { personId: person.id, identityLevel: person.identityLevel, protections: protectionsOf(person) });
    if (person.dvAddressProtection) await recordProtection(em, this.events, person);
  }
}
