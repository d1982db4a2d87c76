/** One page of a page-numbered list, as every list endpoint answers it. */
export interface ListPage<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
  /** Only on lists that cap their count (plain-list.ts): more matches follow than `total` says. */
  hasNext?: boolean;
}

/** A keyset page: no page number, a cursor to the next page while there is one. */
export interface KeysetPage<T> {
  items: T[];
  total?: number;
  perPage: number;
  hasNext: boolean;
  next?: string;
}

/**
 * A page-numbered page read without counting (`count=false`): `hasNext` instead of `total`, and `total` only where the
 * page shows it anyway (a last page: everything before it plus its rows). What a search box needs, at a page's cost.
 */
export interface UncountedPage<T> {
  items: T[];
  total?: number;
  page: number;
  perPage: number;
  hasNext: boolean;
}

/** What a keyset read needs of a list request (`KeysetListQuery` in @tsunagu/platform-http is one). */
export interface KeysetRequest {
  after?: string;
  sort?: string;
  perPage?: number;
  count?: boolean;
}

/** Limit, offset and order of one page (`paging` in @tsunagu/platform-http resolves them from a list query). */
export interface Paging {
  limit: number;
  offset: number;
  page: number;
  perPage: number;
  orderBy: Record<string, 'asc' | 'desc'>;
}

export function listPage<T>(items: T[], total: number, page: Paging): ListPage<T> {
  return { items, total, page: page.page, perPage: page.perPage };
}
