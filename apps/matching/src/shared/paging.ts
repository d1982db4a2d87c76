import { Type as NestType } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI shape of `{ items, total, page, perPage }` for one item type. */
export function PageOf<T>(item: NestType<T>): NestType<{ items: T[]; total: number; page: number; perPage: number }> {
  class Page {
    @ApiProperty({ type: item, isArray: true })
    items!: T[];

    @ApiProperty({ type: 'integer' })
    total!: number;

    @ApiProperty({ type: 'integer' })
    page!: number;

    @ApiProperty({ type: 'integer' })
    perPage!: number;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name}Page` });
  return Page;
}
