import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { PersonUpdated } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { PersonVisibility } from '../access/person-visibility';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { Person } from './person.entity';
import type { PersonView, UpdatePersonCommand } from './person.dto';
import { AddressVisibility, applyPersonFields } from './person.view';
import { protectionsOf, recordProtectionChange } from './protection';

const ADDRESS_FIELDS = ['address', 'addressRaw', 'districtId', 'dvAddressProtection'] as const;

@Injectable()
export class UpdatePersonUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly visibility: AddressVisibility,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string, command: UpdatePersonCommand, expectedVersion: number): Promise<PersonView> {
    return this.em.transactional(async (em) => {
      const person = await this.people.findVisible(em, Person, 'Person', id, this.people.personFilter());
      assertVersion(person, expectedVersion, 'Person');
      const { version: _version, ...fields } = command;
      // A caller who cannot see a protected address cannot change it either (they would overwrite blind).
      if (!this.visibility.canSee(person)) {
        const touched = ADDRESS_FIELDS.find((field) => fields[field] !== undefined);
        if (touched) throw DomainException.invalidField(touched, 'the address of this person is protected (DV) and cannot be changed with your role');
      }
      const wasProtected = person.dvAddressProtection;
      applyPersonFields(person, fields);
      await em.flush();
      this.events.record(em, PersonUpdated, person.id, { personId: person.id, identityLevel: person.identityLevel, protections: protectionsOf(person) });
      if (person.dvAddressProtection !== wasProtected) await recordProtectionChange(em, this.events, person);
      return this.visibility.view(person);
    });
  }
}
