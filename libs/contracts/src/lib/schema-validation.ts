import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { EventContract, JsonSchema } from './event-contract';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

export class ContractViolationError extends Error {
  constructor(
    readonly contract: string,
    readonly problems: string[],
  ) {
    super(`Payload does not match ${contract}: ${problems.join('; ')}`);
    this.name = 'ContractViolationError';
  }

  /** Schema paths and rules only (ajv's messages never quote the payload): safe for logs and dead-letter headers. */
  get safeMessage(): string {
    return this.message;
  }
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}

/** Validates a payload against a schema, throwing a ContractViolationError that names each problem. */
export function assertMatchesSchema(name: string, schema: JsonSchema, payload: unknown): void {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(payload)) throw new ContractViolationError(name, describe(validate.errors));
}

/** Checks event data on publish and on receipt against its contract. */
export function assertEventData<TData>(contract: EventContract<TData>, data: unknown): asserts data is TData {
  assertMatchesSchema(contract.type, contract.schema, data);
}
