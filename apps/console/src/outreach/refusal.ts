import type { HttpError } from 'react-admin';

/** What a refused command shows: a message key (translated) and the server's own words (problem+json `detail`). */
export interface Refusal {
  message: string;
  detail?: string;
  /** The problem+json, explained on screen in our own words (useProblemText) instead of the English `detail`. */
  problem?: Record<string, unknown>;
  /** A refusal for want of consent: the message says it all (no server words below it). */
  consent?: true;
}

/**
 * A refused command, in words staff can act on: the consent gate of 参加支援 (403 `consent-required`) and the
 * consent check of the hand-over get their own explanation; other refusals keep the dataProvider's message.
 */
export function refusalOf(error: unknown, consentMessage: string): Refusal {
  const httpError = (error ?? {}) as Partial<HttpError>;
  const body = (httpError.body ?? {}) as { code?: unknown; detail?: unknown; [extension: string]: unknown };
  const problem = httpError.body && typeof httpError.body === 'object' ? (httpError.body as Record<string, unknown>) : undefined;
  const detail = typeof body.detail === 'string' && body.detail ? body.detail : undefined;
  if (body.code === 'consent-required' || (typeof detail === 'string' && /consent/i.test(detail) && (httpError.status === 403 || httpError.status === 409))) {
    return { message: consentMessage, detail, problem, consent: true };
  }
  return { message: typeof httpError.message === 'string' && httpError.message ? httpError.message : 'tsunagu.errors.server', detail, problem };
}
