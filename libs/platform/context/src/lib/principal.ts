/** Roles a staff user or an agency client can hold (ARCHITECTURE §6). */
export const ROLES = [
  'admin',
  'supervisor',
  'caseworker',
  'outreach-worker',
  'participation-worker',
  'coordinator',
  'agency',
  'analyst',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** Record scope granted to a caller: own/assigned records, their agency's, or the whole municipality. */
export type RecordScope = 'own' | 'agency' | 'municipality';

/** The authenticated caller, built from verified token claims. Holds no personal data beyond the subject id and, for staff, their display name. */
export interface Principal {
  /** `sub` claim: the user or client id at the issuer. */
  subject: string;
  /** 全国地方公共団体コード (6 digits) the caller works for. */
  municipality: string;
  roles: Role[];
  /** Organization id (registry) for agency staff and clients. */
  agency?: string;
  /** OAuth scopes granted to the token. */
  scopes: string[];
  /** Whether the caller is a machine client (client credentials) rather than a person. */
  client: boolean;
  /**
   * A person's display name (`name` claim), only for the staff directory (職員名簿, intake `POST /staff/me`): never
   * logged, audited or put in an event — everything else knows staff by `subject`.
   */
  displayName?: string;
}
