import { ImportJobViewOf, ImportQueryOf, ImportReportViewOf, ImportTemplateViewOf } from '@tsunagu/platform-import';
import { IMPORT_RECORD_TYPES } from './import-templates';

export class ImportQuery extends ImportQueryOf(IMPORT_RECORD_TYPES, 'Which template the file follows: targets (アウトリーチ対象) or contacts (訪問・接触記録; import their targets first).') {}

export class ImportReportView extends ImportReportViewOf(IMPORT_RECORD_TYPES, {
  id: 'The import run (its audit record’s resource); null for a dry run or a refused file.',
  notices: 'Rows imported in a nearer state than the file gives (a 終結 target is imported open so its contacts can follow), in Japanese.',
}) {}

export class ImportTemplateView extends ImportTemplateViewOf(IMPORT_RECORD_TYPES) {}

export class ImportJobView extends ImportJobViewOf(IMPORT_RECORD_TYPES, ImportReportView) {}
