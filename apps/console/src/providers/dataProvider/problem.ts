import { HttpError } from 'react-admin';

/** RFC 9457 problem details as our services send them (ARCHITECTURE §7). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string | string[]>;
  errorId?: string;
  [extension: string]: unknown;
}

/** i18n keys of the messages staff see for each kind of failure. */
export const ERROR_MESSAGES = {
  conflict: 'tsunagu.errors.conflict',
  duplicatePerson: 'tsunagu.errors.duplicate_person',
  invalidTransition: 'tsunagu.errors.invalid_transition',
  missingAcknowledgements: 'tsunagu.errors.missing_acknowledgements',
  consentRequired: 'tsunagu.errors.consent_required',
  stateConflict: 'tsunagu.errors.state_conflict',
  validation: 'tsunagu.errors.validation',
  forbidden: 'tsunagu.errors.forbidden',
  unauthenticated: 'tsunagu.errors.unauthenticated',
  notFound: 'tsunagu.errors.not_found',
  unavailable: 'tsunagu.errors.unavailable',
  server: 'tsunagu.errors.server',
  network: 'tsunagu.errors.network',
} as const;

/** True for a stale edit: someone else changed the record since the form was loaded. */
export function isStaleVersion(status: number, problem: Problem): boolean {
  if (status === 412) return true;
  if (status !== 409) return false;
  // Our services name the kind of conflict (`code`): only `stale-version` is a stale edit.
  if (typeof problem.code === 'string') return problem.code === 'stale-version';
  // 409 is also used for forbidden status changes (`invalid-transition`), which are not stale edits.
  return !/invalid-transition/.test(problem.type ?? '') && !('transition' in problem);
}

/** `schedule.weekdays[0]` → `schedule.weekdays.0`, the path react-hook-form uses. */
export function fieldPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/** Field errors keyed by react-hook-form path (nested objects, as react-admin expects). */
export function fieldErrors(errors: Problem['errors']): Record<string, unknown> | undefined {
  if (!errors || typeof errors !== 'object') return undefined;
  const result: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(errors)) {
    const text = Array.isArray(message) ? message.join(' ') : String(message);
    const keys = fieldPath(path).split('.');
    let node = result;
    keys.forEach((key, index) => {
      if (index === keys.length - 1) node[key] = text;
      else {
        if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
        node = node[key] as Record<string, unknown>;
      }
    });
  }
  return Object.keys(result).length ? result : undefined;
}

/**
 * Turns an error response into the `HttpError` react-admin understands:
 * - 400 with `errors` → `body.errors` with one message per input (react-admin shows them on the fields);
 * - 409/412 stale version → the conflict message (the form stays filled in: edits are pessimistic);
 * - everything else → a message key per status, with the problem's `detail` kept in the body.
 */
export function toHttpError(status: number, problem: Problem | undefined, fallbackText = ''): HttpError {
  const body: Problem = problem ?? { status, detail: fallbackText || undefined };
  if (status === 400 || status === 422) {
    const errors = fieldErrors(body.errors);
    // `root.serverError` is the form-level message react-admin notifies (a key, translated when shown).
    const withRoot = errors ? { ...errors, root: { serverError: ERROR_MESSAGES.validation } } : undefined;
    return new HttpError(ERROR_MESSAGES.validation, status, { ...body, ...(withRoot ? { errors: withRoot } : {}) });
  }
  const { errors: _ignored, ...withoutErrors } = body;
  if (status === 409 && Array.isArray(body.candidates)) {
    // Registering a person who may already exist: the form shows the candidates and keeps the input.
    return new HttpError(ERROR_MESSAGES.duplicatePerson, status, withoutErrors);
  }
  if (status === 409 && Array.isArray(body.missingAcknowledgements)) {
    // A 106条の6 支援会議 held before every attendee acknowledged confidentiality.
    return new HttpError(ERROR_MESSAGES.missingAcknowledgements, status, withoutErrors);
  }
  if (status === 409 || status === 412) {
    if (isStaleVersion(status, body)) return new HttpError(ERROR_MESSAGES.conflict, status, withoutErrors);
    return new HttpError(body.code === 'conflict' ? ERROR_MESSAGES.stateConflict : ERROR_MESSAGES.invalidTransition, status, withoutErrors);
  }
  if (status === 403 && body.code === 'consent-required') {
    // A business rule, not a permission: the user may record the consent (or choose another basis) and retry.
    return new HttpError(ERROR_MESSAGES.consentRequired, status, withoutErrors);
  }
  const key =
    status === 401
      ? ERROR_MESSAGES.unauthenticated
      : status === 403
        ? ERROR_MESSAGES.forbidden
        : status === 404
          ? ERROR_MESSAGES.notFound
          : status === 502 || status === 503 || status === 504
            ? ERROR_MESSAGES.unavailable
            : ERROR_MESSAGES.server;
  return new HttpError(key, status, withoutErrors);
}

/** Values for the message of an error (`%{names}` of the attendees still to acknowledge, `%{detail}`). */
export function messageArgsOf(error: HttpError): Record<string, string> {
  const body = (error.body ?? {}) as Problem;
  const missing = Array.isArray(body.missingAcknowledgements) ? (body.missingAcknowledgements as Array<{ name?: string }>) : [];
  return { names: missing.map((attendee) => attendee.name ?? '').filter(Boolean).join('、'), detail: typeof body.detail === 'string' ? body.detail : '' };
}

/** A failed request's error, with the method it was sent with (the auth provider tells a screen's refusal from a refused save). */
export type RequestHttpError = HttpError & { method?: string };

/**
 * True for a 403 that refuses the screen itself: the role check (`forbidden`, or no code) on a read. Everything else —
 * a missing consent, a desk rule on a save, any other 4xx — is answered where the user is, keeping what they typed.
 */
export function isScreenRefusal(error: unknown): boolean {
  const httpError = (error ?? {}) as Partial<RequestHttpError>;
  if (httpError.status !== 403) return false;
  const code = ((httpError.body ?? {}) as Problem).code;
  if (code !== undefined && code !== 'forbidden') return false;
  return httpError.method === undefined || httpError.method === 'GET' || httpError.method === 'HEAD';
}

/** Our own words for a problem the services send (its i18n key and values), by code and reason; undefined when we have none. */
export interface ProblemExplanation {
  key: string;
  /** `%{roles}` as role codes (comma-separated: the screen translates them), `%{field}` of a field rule. */
  args: Record<string, string>;
}

/**
 * The known problem codes and reasons in words staff can act on, so the server's English `detail` never reaches a
 * screen: consent and legal-basis refusals (intake's referral rules), the role check, the desk rules.
 */
export function explainProblem(problem: Problem | undefined): ProblemExplanation | undefined {
  if (!problem || typeof problem !== 'object') return undefined;
  const code = typeof problem.code === 'string' ? problem.code : undefined;
  const infoBasis = problem.errors && typeof problem.errors === 'object' ? String((problem.errors as Record<string, unknown>).infoBasis ?? '') : '';
  if (code === 'consent-required') {
    if (typeof problem.organizationId === 'string') return { key: 'tsunagu.problems.consent_for_organization', args: {} };
    if (/mandatory report/.test(infoBasis)) return { key: 'tsunagu.problems.no_mandatory_report', args: {} };
    if (/not a basis/.test(infoBasis)) return { key: 'tsunagu.problems.basis_not_for_sharing', args: {} };
    return { key: 'tsunagu.problems.consent_required', args: {} };
  }
  if (code === 'forbidden' || (code === undefined && problem.status === 403)) {
    if (Array.isArray(problem.requiredRoles) && problem.requiredRoles.length) return { key: 'tsunagu.problems.roles_required', args: { roles: problem.requiredRoles.map(String).join(',') } };
    const fields = problem.errors && typeof problem.errors === 'object' ? Object.keys(problem.errors) : [];
    if (fields.includes('fromOrganizationId')) return { key: 'tsunagu.problems.own_desk_only', args: {} };
    if (typeof problem.consultationId === 'string') return { key: 'tsunagu.problems.receiving_desk_only', args: {} };
    return { key: 'tsunagu.problems.forbidden', args: {} };
  }
  if (code === 'not-found') return { key: 'tsunagu.problems.not_found', args: {} };
  if (code === 'stale-version' || code === 'precondition-failed') return { key: 'tsunagu.errors.conflict', args: {} };
  if (code === 'invalid-transition') return { key: 'tsunagu.errors.invalid_transition', args: {} };
  if (code === 'too-many-requests') return { key: 'tsunagu.problems.too_many_requests', args: {} };
  if (code === 'upstream-unavailable') return { key: 'tsunagu.errors.unavailable', args: {} };
  return undefined;
}

/** Reads a failed `Response` (problem+json, JSON or text) into an `HttpError`. */
export async function httpErrorFromResponse(response: Response): Promise<HttpError> {
  const text = await response.text().catch(() => '');
  let problem: Problem | undefined;
  try {
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (parsed && typeof parsed === 'object') problem = parsed as Problem;
  } catch {
    problem = undefined;
  }
  return toHttpError(response.status, problem, text.slice(0, 500));
}
