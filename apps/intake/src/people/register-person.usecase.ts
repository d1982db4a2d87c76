import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { PersonRegistered } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-http';
import { PersonVisibility } from '../access/person-visibility';
import { IntakeEvents } from '../shared/intake-events';
import { findDuplicateCandidates } from './find-duplicates';
import { Person } from './person.entity';
import type { PersonView, RegisterPersonCommand } from './person.dto';
import { AddressVisibility, applyPersonFields } from './person.view';
import { protectionsOf, recordProtection } from './protection';

@Injectable()
export class RegisterPersonUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: IntakeEvents,
    private readonly visibility: AddressVisibility,
    private readonly people: PersonVisibility,
  ) {}

  async execute(command: RegisterPersonCommand): Promise<PersonView> {
    return this.em.transactional(async (em) => {
      const { confirmNotDuplicate, ...fields } = command;
      const person = new Person();
      applyPersonFields(person, fields);
      // Registering is a relationship of the caller's desk with the person (they keep seeing whom they registered).
      person.registeredByOrganizationId = this.people.organizationOf() ?? null;
      if (!confirmNotDuplicate) {
        const candidates = await findDuplicateCandidates(em, {
          familyNameKana: person.familyNameKana,
          givenNameKana: person.givenNameKana,
          birthDate: person.birthDate,
          phones: person.phones.map((phone) => phone.number),
        }, this.people.filter('id'));
        if (candidates.length > 0) {
          // Nothing is written: staff compare the candidates and either use one or resend with confirmNotDuplicate.
          throw new DomainException(
            DomainErrorCode.Conflict,
            `${candidates.length} existing person(s) may be the same person; check them, then use one or resend with confirmNotDuplicate: true`,
            { candidates },
          );
        }
      }
      em.persist(person);
      await em.flush();
      await this.events.record(em, PersonRegistered, person.id, { personId: person.id, identityLevel: person.identityLevel, protections: protectionsOf(person) });
      if (person.dvAddressProtection) await recordProtection(em, this.events, person);
      return this.visibility.view(person);
    });
  }
}
