import { Injectable, type PipeTransform } from '@nestjs/common';
import { assertMatchesSchema, ContractViolationError, type RpcContract } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';

/** Validates a request on receipt against its RPC contract: `@Payload(new RpcRequestPipe(SearchResourcesRpc))`. */
@Injectable()
export class RpcRequestPipe implements PipeTransform {
  constructor(private readonly contract: RpcContract) {}

  transform(value: unknown): unknown {
    try {
      assertMatchesSchema(`${this.contract.subject} request`, this.contract.request, value);
      return value;
    } catch (error) {
      if (!(error instanceof ContractViolationError)) throw error;
      throw new DomainException(DomainErrorCode.ValidationFailed, error.message, { problems: error.problems });
    }
  }
}
