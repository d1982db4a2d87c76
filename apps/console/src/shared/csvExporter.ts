import { downloadCSV, type Exporter, type RaRecord } from 'react-admin';
import { toCsv } from '@tsunagu/util-csv';

/**
 * A list's CSV download, written by the same writer as the services' exports (@tsunagu/util-csv): every
 * top-level field a column, lists and objects as JSON text, and no cell a spreadsheet would run as a formula
 * (a resource named =HYPERLINK(…) stays text). Replaces react-admin's default exporter, which writes cells as they are.
 */
export function recordsToCsv(records: readonly RaRecord[]): string {
  const keys = [...new Set(records.flatMap((record) => Object.keys(record)))];
  return toCsv(
    keys.map((key) => ({ key, header: key })),
    records,
  );
}

/** UTF-8 with a BOM, so Excel opens Japanese text correctly (DOMAIN §6.2). */
export const csvExporter: Exporter = (records, _fetchRelatedRecords, _dataProvider, resource) => {
  downloadCSV(`\uFEFF${recordsToCsv(records as RaRecord[])}`, resource ?? 'export');
};
