import { Button, Stack } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useNotify, useTranslate, type HttpError } from 'react-admin';
import type { TsunaguDataProvider } from '../providers/dataProvider';

/** A report's JSON (the reporting service answers JSON unless `format=csv`). */
export function useReport<T>(path: string): { data?: T; failed?: boolean } {
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const [state, setState] = useState<{ data?: T; failed?: boolean }>({});
  useEffect(() => {
    let current = true;
    setState({});
    dataProvider
      .fetchBlob(path)
      .then(async ({ blob }) => current && setState({ data: JSON.parse(await blob.text()) as T }))
      .catch(() => current && setState({ failed: true }));
    return () => {
      current = false;
    };
  }, [dataProvider, path]);
  return state;
}

/** CSV downloads of a report (UTF-8 with BOM for Excel, or CP932), 和暦 columns included. */
export function CsvButtons({ report, query }: { report: string; query: string }) {
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const download = async (encoding: 'utf-8' | 'cp932') => {
    try {
      const { blob, filename } = await dataProvider.fetchBlob(`reporting/reports/${report}?format=csv&encoding=${encoding}&wareki=true${query ? `&${query}` : ''}`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename ?? `${report}_${encoding}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      notify((error as HttpError).message || 'tsunagu.errors.server', { type: 'error' });
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
      <Button variant="outlined" size="small" onClick={() => void download('utf-8')}>
        {translate('tsunagu.reports.csv_utf8')}
      </Button>
      <Button variant="outlined" size="small" onClick={() => void download('cp932')}>
        {translate('tsunagu.reports.csv_cp932')}
      </Button>
    </Stack>
  );
}

