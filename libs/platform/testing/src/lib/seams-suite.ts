import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bootObserved, type Observed } from './log-capture';
import { capProbes, existingIds, hostileProbes, markerProbes, sendProbes, type OpenApiDocument } from './openapi-probes';
import type { TestIssuer } from './test-issuer';

/** What the suite needs of a service harness (every apps/<svc>/test/<svc>-app.ts provides it). */
export interface ServiceHarness {
  app: NestFastifyApplication;
  issuer: TestIssuer;
  loadDemo?(): Promise<boolean>;
  close(): Promise<void>;
}

export interface SeamsSuiteOptions<T extends ServiceHarness> {
  service: string;
  boot(): Promise<T>;
  /** The service's OpenAPI document as published (`buildOpenApiDocument(app, options)`). */
  document(app: NestFastifyApplication): unknown;
  /** platform-observability's `captureServiceLogs`. */
  captureLogs(stream: NodeJS.WritableStream, level: string): () => void;
  /** Roles of the token the probes carry: enough to pass the guards, so validation and handlers are reached. */
  roles: string[];
  /** Minimum number of hostile probes (guards against a document that silently lost its operations). */
  minimumProbes: number;
}

/** Marker value: a name in kanji and kana with a rare digit run, so any copy of it is found. */
export const PERSONAL_DATA_MARKER = 'ZQ山田マーカー花子7319';

/**
 * The suite every service runs on its own OpenAPI document (so operations added later are covered): hostile
 * values one at a time never answer 5xx or hang, and marker values sent in every field — accepted or refused —
 * never reach the service's log or PostgreSQL's server log.
 */
export function describePersonalDataAtTheSeams<T extends ServiceHarness>(options: SeamsSuiteOptions<T>): void {
  describe(`${options.service}: hostile input and personal data at the seams (derived from its OpenAPI document)`, () => {
    let observed: Observed<T>;
    let document: OpenApiDocument;
    let bearer: string;
    let ids: Record<string, string>;

    beforeAll(async () => {
      observed = await bootObserved(options.boot, options.captureLogs);
      await observed.service.loadDemo?.();
      document = options.document(observed.service.app) as OpenApiDocument;
      bearer = await observed.service.issuer.token({ subject: 'probe-staff', roles: options.roles, expiresIn: 3600 });
      ids = await existingIds(observed.service.app, document, bearer);
    }, 120_000);
    afterAll(async () => {
      await observed?.service.close();
      await observed?.stop();
    });

    it('answers every hostile query, path and body value with a 4xx, never a 5xx or a hang', async () => {
      const probes = hostileProbes(document, ids);
      expect(probes.length).toBeGreaterThan(options.minimumProbes);
      const { failures } = await sendProbes(observed.service.app, probes, bearer);
      expect(failures).toEqual([]);
    }, 600_000);

    it('refuses one item over every documented maxItems with a 400 naming the field', async () => {
      const probes = capProbes(document, ids);
      // A document that documents caps must yield probes (guards against a reader that silently finds none).
      if (JSON.stringify(document).includes('"maxItems"')) expect(probes.length).toBeGreaterThan(0);
      const { failures } = await sendProbes(observed.service.app, probes, bearer);
      expect(failures).toEqual([]);
    }, 300_000);

    it('never writes marker values sent in every field (accepted or refused) to its log or PostgreSQL’s log', async () => {
      const { failures, statuses } = await sendProbes(observed.service.app, markerProbes(document, PERSONAL_DATA_MARKER, ids), bearer);
      expect(failures).toEqual([]);
      // Requests were answered, some of them successfully: the marker went through validation, handlers and the store.
      expect(Object.entries(statuses).some(([status, count]) => Number(status) < 300 && count > 0)).toBe(true);
      // Let the outbox relay and the consumers do their part before reading the logs.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(observed.logs.lines.length).toBeGreaterThan(0);
      expect(observed.logs.containing(PERSONAL_DATA_MARKER)).toEqual([]);
      expect(observed.postgres.log.lines.length).toBeGreaterThan(0);
      expect(observed.postgres.log.containing(PERSONAL_DATA_MARKER)).toEqual([]);
    }, 300_000);
  });
}
