/** Raised when a client edits a record from an older version than the one stored. */
export class StaleVersionError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${entity} ${id} was changed by someone else (you edited version ${expected}, current is ${actual})`);
  }
}

/** Checks the version a client based its edit on; the UPDATE … WHERE version = ? catches races after this. */
export function assertVersion(entity: { id: string; version: number }, expected: number | undefined, entityName: string): void {
  if (expected !== undefined && expected !== entity.version) {
    throw new StaleVersionError(entityName, entity.id, expected, entity.version);
  }
}
