import { Type as NestType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DomainException } from '@tsunagu/platform-errors';
import type { ListPage, Paging } from '@tsunagu/platform-persistence';
import { toQueryInt } from './dto-decorators';

export const MAX_PAGE_SIZE = 100;
/** Deepest page a list serves (offset pages beyond it are refused, not answered with page 1 or a 500). */
export const MAX_PAGE = 10_000;
export const DEFAULT_PAGE_SIZE = 25;

/** Paging, sorting and text search every list endpoint accepts; services extend it with their filters. */
export class ListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Transform(toQueryInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Transform(toQueryInt)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  perPage?: number;

  @ApiPropertyOptional({ description: 'Field to sort by; prefix with `-` for descending (e.g. `-updatedAt`).' })
  @IsOptional()
  @IsString()
  @Matches(/^-?[A-Za-z][A-Za-z0-9]*$/, { message: 'sort must be a field name, optionally prefixed with -' })
  sort?: string;

  @ApiPropertyOptional({ description: 'Text search (full-/half-width and hiragana/katakana are treated alike).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** OpenAPI shape of a `ListPage` (`{ items, total, page, perPage, hasNext? }`) for one item type, named `<Item>Page`. */
export function PageOf<T>(item: NestType<T>): NestType<ListPage<T>> {
  class Page {
    @ApiProperty({ type: item, isArray: true })
    items!: T[];

    @ApiProperty({ type: 'integer', description: 'Every match; lists that read plain rows stop counting at 10,000 and then say `hasNext`.' })
    total!: number;

    @ApiProperty({ type: 'integer' })
    page!: number;

    @ApiProperty({ type: 'integer' })
    perPage!: number;

    @ApiPropertyOptional({ description: 'Present when `total` is capped: more matches follow.' })
    hasNext?: boolean;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name}Page` });
  return Page;
}

/** Resolves paging and checks the sort field against what the endpoint allows. */
export function paging(query: ListQuery, sortable: readonly string[], defaultSort = '-createdAt'): Paging {
  const page = query.page ?? 1;
  const perPage = query.perPage ?? DEFAULT_PAGE_SIZE;
  const sort = query.sort ?? defaultSort;
  const field = sort.replace(/^-/, '');
  if (!sortable.includes(field)) {
    throw DomainException.invalidField('sort', `cannot sort by ${field}; use one of ${sortable.join(', ')}`);
  }
  return {
    page,
    perPage,
    limit: perPage,
    offset: (page - 1) * perPage,
    orderBy: { [field]: sort.startsWith('-') ? 'desc' : 'asc', ...(field === 'id' ? {} : { id: 'asc' }) },
  };
}
