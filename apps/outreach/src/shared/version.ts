import { DomainException } from '@tsunagu/platform-http';

/**
 * The version an edit is based on: `If-Match: "<version>"` (or W/"…") wins over `version` in the body. One of them is
 * required. Same rule as intake's apps/intake/src/shared/version.ts (a candidate for platform-http).
 */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | undefined): number {
  if (ifMatch !== undefined) {
    const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(ifMatch);
    if (!match) throw DomainException.invalidField('If-Match', 'must be the quoted record version, e.g. "3"');
    return Number(match[1]);
  }
  if (bodyVersion === undefined) throw DomainException.invalidField('version', 'send the version you edited (body `version` or `If-Match` header)');
  return bodyVersion;
}
