import { ContractViolationError, defineEvent } from '@tsunagu/contracts';
import { ContractRegistry } from './contract-registry';

const schema = { type: 'object' };
const V1 = defineEvent({ service: 'svc', aggregate: 'thing', event: 'done', summary: 'v1', schema });
const V2 = defineEvent({ service: 'svc', aggregate: 'thing', event: 'done', version: 2, summary: 'v2', schema });

describe('ContractRegistry', () => {
  it('picks the version of a subject by CloudEvent type', () => {
    const registry = new ContractRegistry({ events: [V1, V2] });
    expect(registry.eventContract(V1.subject, V2.type)).toBe(V2);
    expect(registry.eventSubjects()).toEqual([V1.subject]);
  });

  it('treats an unknown type as a contract violation', () => {
    const registry = new ContractRegistry({ events: [V1] });
    expect(() => registry.eventContract(V1.subject, 'jp.tsunagu.svc.thing.done.v9')).toThrow(ContractViolationError);
    expect(() => registry.eventContract('tsunagu.evt.other.x.y', V1.type)).toThrow(ContractViolationError);
  });
});
