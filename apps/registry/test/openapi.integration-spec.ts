import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '@tsunagu/platform-service';
import { APP_OPTIONS, startRegistry, type RegistryUnderTest } from './registry-app';

const DOC = join(__dirname, '../../../docs/api/registry.openapi.json');

describe('docs/api/registry.openapi.json', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.close());

  it('matches the running app (run with UPDATE_DOCS=1 to rewrite it)', async () => {
    const served = await registry.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(served.statusCode).toBe(200);
    const document = `${JSON.stringify(buildOpenApiDocument(registry.app, APP_OPTIONS), null, 2)}\n`;
    expect(JSON.parse(document)).toEqual(JSON.parse(served.body));
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(DOC, document);
    expect(existsSync(DOC)).toBe(true);
    expect(readFileSync(DOC, 'utf8')).toBe(document);
  });

  it('documents every collection, the lifecycle transitions and strict DTOs', () => {
    const document = JSON.parse(readFileSync(DOC, 'utf8'));
    const paths = Object.keys(document.paths);
    for (const path of [
      '/api/registry/districts',
      '/api/registry/organizations',
      '/api/registry/community-resources',
      '/api/registry/community-resources/{id}/publish',
      '/api/registry/community-resources/{id}/verify',
      '/api/registry/community-resources/import',
      '/api/registry/coordinators',
      '/api/registry/councils/{id}/meetings',
      '/api/registry/area-mappings',
      '/api/registry/municipalities/current',
      '/api/registry/hsds/export',
      '/api/registry/hsds/import',
    ]) {
      expect(paths).toContain(path);
    }
    expect(document.components.schemas.RegisterResourceCommand.properties.category.enum).toContain('visit-type-b');
    expect(document.paths['/api/registry/community-resources'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['district', 'category', 'activity', 'status', 'weekday', 'public', 'organization', 'q', 'page', 'perPage', 'sort']),
    );
  });
});
