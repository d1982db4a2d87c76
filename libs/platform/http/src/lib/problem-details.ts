import { DomainErrorCode, type FieldErrors, problemStatus, problemTitle } from '@tsunagu/platform-errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, with `errors` per field for validation problems. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldErrors;
  errorId?: string;
  [extension: string]: unknown;
}

export function problemType(code: string): string {
  return `urn:tsunagu:problem:${code}`;
}

export function problemFor(code: DomainErrorCode, detail: string, extensions: Record<string, unknown> = {}): ProblemDetails {
  return { type: problemType(code), title: problemTitle[code], status: problemStatus[code], detail, code, ...extensions };
}

const statusCodes: Record<number, DomainErrorCode> = {
  400: DomainErrorCode.ValidationFailed,
  401: DomainErrorCode.Unauthenticated,
  403: DomainErrorCode.Forbidden,
  404: DomainErrorCode.NotFound,
  409: DomainErrorCode.Conflict,
  412: DomainErrorCode.PreconditionFailed,
  413: DomainErrorCode.PayloadTooLarge,
  415: DomainErrorCode.UnsupportedMediaType,
  429: DomainErrorCode.TooManyRequests,
};

/** The domain code that best describes a bare HTTP status (errors raised by the framework). */
export function codeForStatus(status: number): DomainErrorCode | undefined {
  return statusCodes[status];
}
