import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainException } from '@tsunagu/platform-errors';
import { ListQuery, MAX_PAGE_SIZE, PageOf, paging } from './list-query';
import { fieldErrors } from './validation';

// Metadata keys @nestjs/swagger's ApiProperty writes (DECORATORS in @nestjs/swagger/dist/constants, not exported).
const PROPERTIES = 'swagger/apiModelProperties';

describe('list paging', () => {
  it('resolves defaults and sort direction, with id as a stable tie-breaker', () => {
    expect(paging({}, ['createdAt'])).toEqual({ page: 1, perPage: 25, limit: 25, offset: 0, orderBy: { createdAt: 'desc', id: 'asc' } });
    expect(paging({ page: 3, perPage: 10, sort: 'name' }, ['name'])).toMatchObject({ offset: 20, orderBy: { name: 'asc', id: 'asc' } });
  });

  it('refuses to sort by a field the endpoint does not offer, naming the field', () => {
    expect(() => paging({ sort: '-passwordHash' }, ['name'])).toThrow(DomainException);
    try {
      paging({ sort: 'x' }, ['name']);
    } catch (error) {
      expect((error as DomainException).details.errors).toEqual({ sort: expect.stringContaining('name') });
    }
  });

  it(`validates query strings, capping the page size at ${MAX_PAGE_SIZE}`, async () => {
    const errors = await validate(plainToInstance(ListQuery, { page: '0', perPage: '1000', sort: 'name;drop', q: 'x'.repeat(201) }));
    expect(Object.keys(fieldErrors(errors)).sort()).toEqual(['page', 'perPage', 'q', 'sort']);
    expect(await validate(plainToInstance(ListQuery, { page: '2', perPage: '100', sort: '-updatedAt', q: 'ｶﾅ' }))).toEqual([]);
  });

  it('describes a page of one item type for OpenAPI, named after the item', () => {
    class CaseView {}
    const Page = PageOf(CaseView);
    expect(Page.name).toBe('CaseViewPage');
    expect(Reflect.getMetadata(`${PROPERTIES}Array`, Page.prototype)).toEqual([':items', ':total', ':page', ':perPage', ':hasNext']);
    // Only lists that cap their count send it (plain-list.ts).
    expect(Reflect.getMetadata(PROPERTIES, Page.prototype, 'hasNext')).toMatchObject({ required: false });
    expect(Reflect.getMetadata(PROPERTIES, Page.prototype, 'items')).toMatchObject({ type: CaseView, isArray: true });
    expect(Reflect.getMetadata(PROPERTIES, Page.prototype, 'total')).toMatchObject({ type: 'integer' });
  });
});
