import { Type as NestType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { COUNT_CAP, type KeysetPage, type ListPage, type UncountedPage } from '@tsunagu/platform-persistence';
import { BooleanQuery } from './dto-decorators';
import { ListQuery } from './list-query';

/** A list that also offers keyset paging (`after`) to API clients; the console keeps its page numbers. */
export class KeysetListQuery extends ListQuery {
  @ApiPropertyOptional({
    description:
      'Keyset paging for API clients: empty for the first page, then the `next` of the previous page. The answer has `hasNext` and `next` ' +
      'instead of `page`, and `total` only with `count=true`. Sorts by `id` (creation order) unless `sort` names a keyset field.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(/^[A-Za-z0-9_-]*$/, { message: 'after must be the `next` value of a previous page' })
  after?: string;

  @BooleanQuery(
    'Page-numbered lists count every match (`total`) unless `count=false`: then `hasNext` says whether another page follows, and `total` comes only with a ' +
      'last page (a search needs no count, and counting costs about what the page does). With `after`: `count=true` also counts.',
  )
  count?: boolean;
}

/** OpenAPI shape of a list that answers `ListPage` (page numbers), `UncountedPage` (`count=false`) or `KeysetPage` (with `after`). */
export function KeysetPageOf<T>(item: NestType<T>): NestType<ListPage<T> | KeysetPage<T> | UncountedPage<T>> {
  class Page {
    @ApiProperty({ type: item, isArray: true })
    items!: T[];

    @ApiPropertyOptional({
      type: 'integer',
      description: `Every match (capped at ${COUNT_CAP}: then \`hasNext\` says more follow); with \`count=false\` only on a last page; with \`after\` only when \`count=true\`.`,
    })
    total?: number;

    @ApiPropertyOptional({ type: 'integer', description: 'Page number (absent with `after`).' })
    page?: number;

    @ApiProperty({ type: 'integer' })
    perPage!: number;

    @ApiPropertyOptional({ description: 'More matches follow (with `after` or `count=false`, or when `total` is capped).' })
    hasNext?: boolean;

    @ApiPropertyOptional({ description: 'With `after`: the value of `after` for the next page, while `hasNext`.' })
    next?: string;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name}Page` });
  return Page as NestType<ListPage<T> | KeysetPage<T> | UncountedPage<T>>;
}
