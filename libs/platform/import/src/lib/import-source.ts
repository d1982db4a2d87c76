import { Entity, Property, Unique, type EntityManager } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * Which record a row of the city's old system became (issue 19): the old system's id (kintone レコード番号, an Excel
 * 管理番号) per municipality and record type, in the schema of the service that imports it. A re-run finds the row here
 * and writes nothing, and rows of later files (a household's members, a contact's target) name earlier rows by these ids.
 */
@Entity({ tableName: 'import_source' })
@TenantScoped()
@Unique({ name: 'import_source_unique', properties: ['municipality', 'recordType', 'sourceId'] })
export class ImportSource extends TenantEntity {
  /** The service's record type (intake's persons, outreach's targets, …). */
  @Property({ type: 'string', length: 30 })
  recordType!: string;

  @Property({ type: 'string', length: 100 })
  sourceId!: string;

  @Property({ type: 'uuid' })
  targetId!: string;

  /** The import that created it. */
  @Property({ type: 'uuid' })
  runId!: string;
}

/** Source id → the record it became, for one record type. */
export async function importSourceMap(em: EntityManager, recordType: string): Promise<Map<string, string>> {
  const sources = await em.find(ImportSource, { recordType }, { fields: ['sourceId', 'targetId'] });
  return new Map(sources.map((source) => [source.sourceId, source.targetId]));
}

/** Stages which record a row became (written with the caller's next flush). */
export function stageImportSource(em: EntityManager, recordType: string, sourceId: string, targetId: string, runId: string): void {
  const source = new ImportSource();
  source.recordType = recordType;
  source.sourceId = sourceId;
  source.targetId = targetId;
  source.runId = runId;
  em.persist(source);
}
