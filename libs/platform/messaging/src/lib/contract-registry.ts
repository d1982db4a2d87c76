import { ContractViolationError, type EventContract, type RpcContract } from '@tsunagu/contracts';

/**
 * The contracts a service knows, by subject, so received messages are validated against the schema their
 * publisher promised. One subject can carry several versions (`.v1`, `.v2`): the CloudEvent `type` picks one.
 */
export class ContractRegistry {
  private readonly events = new Map<string, Map<string, EventContract>>();
  private readonly rpcs = new Map<string, RpcContract>();

  constructor(contracts: { events?: readonly EventContract[]; rpcs?: readonly RpcContract[] } = {}) {
    for (const contract of contracts.events ?? []) this.addEvent(contract);
    for (const contract of contracts.rpcs ?? []) this.addRpc(contract);
  }

  addEvent(contract: EventContract): this {
    const versions = this.events.get(contract.subject) ?? new Map<string, EventContract>();
    versions.set(contract.type, contract);
    this.events.set(contract.subject, versions);
    return this;
  }

  addRpc(contract: RpcContract): this {
    this.rpcs.set(contract.subject, contract);
    return this;
  }

  hasEventSubject(subject: string): boolean {
    return this.events.has(subject);
  }

  /** The contract for an event received on `subject` with CloudEvent `type`; unknown types are contract violations. */
  eventContract(subject: string, type: unknown): EventContract {
    const contract = typeof type === 'string' ? this.events.get(subject)?.get(type) : undefined;
    if (!contract) {
      throw new ContractViolationError(subject, [`no contract for type ${JSON.stringify(type)} on ${subject}`]);
    }
    return contract;
  }

  rpcContract(subject: string): RpcContract | undefined {
    return this.rpcs.get(subject);
  }

  eventSubjects(): string[] {
    return [...this.events.keys()];
  }
}
