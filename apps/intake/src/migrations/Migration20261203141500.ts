import { Migration } from '@mikro-orm/migrations';

/**
 * Persons newest first within a municipality (issue 14): the person list and its search page are ordered by
 * created_at desc, id. Without this index a search for a family name alone (ヤマダ: 1 in 30 of 100,000 persons) sorted
 * 3,300 matches (32 ms) and one with a two-letter word (モリ: no trigram to look up) read the whole table (290 ms);
 * with it PostgreSQL walks the newest persons until the page is full (0.7 ms each). Full-name searches keep using
 * the trigram index (112 matches), and the console's unfiltered list no longer sorts the table.
 */
export class Migration20261203141500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists "person_municipality_created_at_id" on "intake"."person" ("municipality", "created_at" desc, "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "intake"."person_municipality_created_at_id";`);
  }
}
