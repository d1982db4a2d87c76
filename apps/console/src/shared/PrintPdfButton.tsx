import PrintIcon from '@mui/icons-material/Print';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRecordContext, useTranslate, type HttpError, type RaRecord } from 'react-admin';
import type { TsunaguDataProvider } from '../providers/dataProvider';

/**
 * 「印刷（PDF）」: downloads a 帳票 the service renders (`…/pdf`), through the dataProvider's authenticated fetch, under
 * the ASCII file name the service gives (never a person's name).
 */
export function PrintPdfButton({ path, label = 'tsunagu.forms.print', fileName = 'form.pdf' }: { path: string; label?: string; fileName?: string }) {
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const { blob, filename } = await dataProvider.fetchBlob(path);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename ?? fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      notify((error as HttpError).message || 'tsunagu.errors.server', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" startIcon={<PrintIcon />} disabled={busy} onClick={() => void download()} data-testid="print-pdf">
      {translate(label)}
    </Button>
  );
}

/** The print button of the record in context (a show screen, a row). */
export function RecordPrintButton({ path, label, fileName }: { path: (record: RaRecord) => string; label?: string; fileName?: string }) {
  const record = useRecordContext();
  if (!record) return null;
  return <PrintPdfButton path={path(record)} label={label} fileName={fileName} />;
}
