import { eventSource, eventSubjectOwner } from './event-contract';
import { allEventContracts } from '../index';

describe('event subjects and their owners', () => {
  it('reads the owning service from an event subject, and nothing from other subjects', () => {
    expect(eventSubjectOwner('tsunagu.evt.intake.consultation.received')).toBe(
      'intake',
    );
    expect(
      eventSubjectOwner('tsunagu.rpc.registry.resources.search'),
    ).toBeUndefined();
    expect(eventSubjectOwner('tsunagu.evt.intake')).toBeUndefined();
    expect(eventSubjectOwner('other.evt.intake.x')).toBeUndefined();
  });

  it("gives every contract the source of its subject's owner", () => {
    for (const contract of allEventContracts)
      expect({ subject: contract.subject, source: contract.source }).toEqual({
        subject: contract.subject,
        source: eventSource(eventSubjectOwner(contract.subject) as string),
      });
  });
});
