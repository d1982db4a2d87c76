/**
 * Codes services raise instead of HTTP exceptions; each transport maps them once
 * (HTTP: `problemStatus`, NATS RPC: carried as `code`).
 */
export enum DomainErrorCode {
  ValidationFailed = 'validation-failed',
  NotFound = 'not-found',
  Conflict = 'conflict',
  StaleVersion = 'stale-version',
  PreconditionFailed = 'precondition-failed',
  InvalidTransition = 'invalid-transition',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  ConsentRequired = 'consent-required',
  /** A 利用停止 (APPI 98条) is in force for the person: sharing their data with another organisation is refused. */
  UseSuspended = 'use-suspended',
  PayloadTooLarge = 'payload-too-large',
  UnsupportedMediaType = 'unsupported-media-type',
  UpstreamUnavailable = 'upstream-unavailable',
  TooManyRequests = 'too-many-requests',
}

export const problemStatus: Record<DomainErrorCode, number> = {
  [DomainErrorCode.ValidationFailed]: 400,
  [DomainErrorCode.NotFound]: 404,
  [DomainErrorCode.Conflict]: 409,
  [DomainErrorCode.StaleVersion]: 409,
  [DomainErrorCode.PreconditionFailed]: 412,
  [DomainErrorCode.InvalidTransition]: 409,
  [DomainErrorCode.Unauthenticated]: 401,
  [DomainErrorCode.Forbidden]: 403,
  [DomainErrorCode.ConsentRequired]: 403,
  [DomainErrorCode.UseSuspended]: 403,
  [DomainErrorCode.PayloadTooLarge]: 413,
  [DomainErrorCode.UnsupportedMediaType]: 415,
  [DomainErrorCode.UpstreamUnavailable]: 503,
  [DomainErrorCode.TooManyRequests]: 429,
};

export const problemTitle: Record<DomainErrorCode, string> = {
  [DomainErrorCode.ValidationFailed]: 'The request is not valid',
  [DomainErrorCode.NotFound]: 'Not found',
  [DomainErrorCode.Conflict]: 'Conflict with the current state',
  [DomainErrorCode.StaleVersion]: 'The record was changed by someone else',
  [DomainErrorCode.PreconditionFailed]: 'Precondition failed',
  [DomainErrorCode.InvalidTransition]: 'This status change is not allowed',
  [DomainErrorCode.Unauthenticated]: 'Authentication required',
  [DomainErrorCode.Forbidden]: 'Not permitted',
  [DomainErrorCode.ConsentRequired]: 'Consent or a legal basis is required',
  [DomainErrorCode.UseSuspended]: 'Use of this person’s data is suspended (利用停止)',
  [DomainErrorCode.PayloadTooLarge]: 'Request body too large',
  [DomainErrorCode.UnsupportedMediaType]: 'Unsupported media type',
  [DomainErrorCode.UpstreamUnavailable]: 'A service this request needs is unavailable',
  [DomainErrorCode.TooManyRequests]: 'Too many requests',
};

/** Field path → message, the shape react-admin puts next to each input. */
export type FieldErrors = Record<string, string>;

export class DomainException extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { errors?: FieldErrors; [extension: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainException';
  }

  /** Our own words, safe for logs (loggableError): code and message, never the request's values. */
  get safeMessage(): string {
    return `${this.code}: ${this.message}`;
  }

  static notFound(resource: string, id: string): DomainException {
    return new DomainException(DomainErrorCode.NotFound, `${resource} ${id} does not exist`, { resource });
  }

  static invalidField(field: string, message: string): DomainException {
    return new DomainException(DomainErrorCode.ValidationFailed, `${field}: ${message}`, { errors: { [field]: message } });
  }

  static invalidTransition(resource: string, from: string, action: string, allowed: readonly string[]): DomainException {
    return new DomainException(DomainErrorCode.InvalidTransition, `${resource} in status ${from} cannot be ${action}`, {
      transition: { from, action, allowed },
    });
  }
}
