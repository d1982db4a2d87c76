import { Client } from 'pg';
import { randomBytes } from 'node:crypto';

interface Role {
  name: string;
  password: string;
}

export interface TestDatabase {
  /** As the owner role: run migrations and create test schemas with it (row-level security still holds it). */
  url: string;
  /** As the application role the services run as: no ownership, no BYPASSRLS (DATABASE_URL of a service under test). */
  applicationUrl: string;
  /** Name of the application role, for migrateService's grants. */
  applicationRole: string;
  drop(): Promise<void>;
}

function roles(): { owner: Role; application: Role } {
  const roles = process.env['TSUNAGU_TEST_DATABASE_ROLES'];
  if (!roles) throw new Error('TSUNAGU_TEST_DATABASE_ROLES is not set: run tests through jest (global setup creates the database roles)');
  return JSON.parse(roles) as { owner: Role; application: Role };
}

function urlAs(serverUrl: string, role: Role, database: string): string {
  const url = new URL(serverUrl);
  url.username = encodeURIComponent(role.name);
  url.password = encodeURIComponent(role.password);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A fresh, empty database on the PostgreSQL server of DATABASE_URL (started by jest's global setup when unset), owned
 * by the owner role, so test files never see each other's rows and can run in parallel.
 */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) throw new Error('DATABASE_URL is not set: run tests through jest (global setup starts PostgreSQL)');
  const { owner, application } = roles();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" owner "${owner.name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: urlAs(serverUrl, owner, name),
    applicationUrl: urlAs(serverUrl, application, name),
    applicationRole: application.name,
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
