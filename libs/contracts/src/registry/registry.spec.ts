import { assertEventData, assertMatchesSchema, ContractViolationError } from '../lib/schema-validation';
import {
  codeFromLabel,
  REGISTRY_CODE_TABLES,
  RESOURCE_CATEGORY_LABELS,
  REGISTRY_EVENTS,
  ResourcePublished,
  SearchResourcesRpc,
} from './index';

describe('registry contracts', () => {
  it('names subjects and types after the registry', () => {
    expect(ResourcePublished.subject).toBe('tsunagu.evt.registry.resource.published');
    expect(ResourcePublished.type).toBe('jp.tsunagu.registry.resource.published.v1');
    expect(SearchResourcesRpc.subject).toBe('tsunagu.rpc.registry.resources.search');
    expect(new Set(REGISTRY_EVENTS.map((event) => event.subject)).size).toBe(REGISTRY_EVENTS.length);
  });

  it('accepts ids and codes and rejects anything else in resource events', () => {
    const data = {
      resourceId: '01900000-0000-7000-8000-0000000000aa',
      status: 'active',
      category: 'visit-type-b',
      insuranceScheme: 'comprehensive-programme',
      districtIds: ['01900000-0000-7000-8000-0000000000bb'],
      organizationId: null,
      public: true,
      lastVerifiedOn: '2025-04-01',
    };
    expect(() => assertEventData(ResourcePublished, data)).not.toThrow();
    expect(() => assertEventData(ResourcePublished, { ...data, name: '見守り香南' })).toThrow(ContractViolationError);
    expect(() => assertEventData(ResourcePublished, { ...data, category: '訪問型サービスB' })).toThrow(ContractViolationError);
  });

  it('validates search requests', () => {
    expect(() => assertMatchesSchema('req', SearchResourcesRpc.request, { municipality: '372013', weekdays: ['fr'] })).not.toThrow();
    expect(() => assertMatchesSchema('req', SearchResourcesRpc.request, { municipality: '372013', weekdays: ['friday'] })).toThrow();
    // The municipality is the caller's (tsunagu-municipality header, ADR 0015): the payload need not name one.
    expect(() => assertMatchesSchema('req', SearchResourcesRpc.request, { weekdays: ['fr'] })).not.toThrow();
  });

  it('keeps one Japanese label per code and maps labels back to codes', () => {
    expect(RESOURCE_CATEGORY_LABELS['visit-type-b']).toBe('訪問型サービスB');
    expect(codeFromLabel(RESOURCE_CATEGORY_LABELS, '通所型サービスB')).toBe('day-type-b');
    expect(codeFromLabel(RESOURCE_CATEGORY_LABELS, 'day-type-b')).toBe('day-type-b');
    expect(codeFromLabel(RESOURCE_CATEGORY_LABELS, '不明')).toBeUndefined();
    for (const table of Object.values(REGISTRY_CODE_TABLES)) {
      for (const code of Object.keys(table)) expect(code).toMatch(/^[a-z0-9-]+$/);
    }
  });
});
