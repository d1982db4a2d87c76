import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { PersonProtectionChanged, PersonRegistered } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { PersonVisibility } from '../access/person-visibility';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { findDuplicateCandidates, findDuplicateCandidatesOfNew, probeOf } from './find-duplicates';
import { Person } from './person.entity';
import type { DuplicateCandidateView, PersonView, RegisterPersonCommand } from './person.dto';
import { AddressVisibility, applyPersonFields } from './person.view';
import { protectionsOf } from './protection';

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
    return findDuplicateCandidates(em, probeOf(person), this.people.personFilter());
  }

  /**
   * For new persons about to be written together (an import's file, in its order), before any is written: each one's
   * candidates among the existing people the caller may see, then among the persons before it in the list.
   */
  duplicateCandidatesOfMany(em: EntityManager, persons: readonly Person[]): Promise<DuplicateCandidateView[][]> {
    return findDuplicateCandidatesOfNew(em, persons, this.people.personFilter());
  }

  /** Writes a built person and its events (PersonRegistered, and the protection when there is one) in `em`'s transaction. */
  async save(em: EntityManager, person: Person): Promise<void> {
    this.stage(em, person);
    await em.flush();
  }

  /** As save, left for the caller's next flush: an import writes 200 persons and their events in one. */
  stage(em: EntityManager, person: Person): void {
    em.persist(person);
    this.events.record(em, PersonRegistered, person.id, { personId: person.id, identityLevel: person.identityLevel, protections: protectionsOf(person) });
    // A person just registered is a member of no household yet: the protection extends to none.
    if (person.dvAddressProtection) this.events.record(em, PersonProtectionChanged, person.id, { personId: person.id, householdIds: [], protections: protectionsOf(person) });
  }
}
