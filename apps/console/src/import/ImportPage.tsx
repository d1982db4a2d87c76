import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, Card, CardContent, LinearProgress, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useAuthenticated, useDataProvider, useRequireAccess, useTranslate, type HttpError } from 'react-admin';
import type { ImportJob, ImportReport, ImportTemplate, ImportType, TsunaguDataProvider } from '../providers/dataProvider';

const TYPES: readonly ImportType[] = ['persons', 'households', 'consultations', 'consents', 'referrals', 'cases', 'plans', 'outreach-targets', 'outreach-contacts'];

/** Seconds since `running` became true. */
function useElapsed(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return undefined;
    setSeconds(0);
    const timer = setInterval(() => setSeconds((value) => value + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

/**
 * データ取込 (issue 19): supervisors and admins choose a record type and a file, check it (dry run: every problem by
 * line and column, nothing changed), then import it (all or nothing). Re-importing a file creates nothing new.
 */
export function ImportPage() {
  useAuthenticated();
  const { isPending: checkingAccess } = useRequireAccess({ resource: 'imports', action: 'list' });
  const translate = useTranslate();
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const [type, setType] = useState<ImportType>('persons');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [refused, setRefused] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ImportJob | null>(null);
  const [templates, setTemplates] = useState<ImportTemplate[]>([]);
  const seconds = useElapsed(running);

  useEffect(() => {
    if (checkingAccess) return;
    dataProvider.importTemplates().then(setTemplates, () => setTemplates([]));
  }, [checkingAccess, dataProvider]);

  if (checkingAccess) return <Loading />;
  const template = templates.find((candidate) => candidate.type === type);

  const reset = () => {
    setReport(null);
    setRefused(false);
    setFailure(null);
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    reset();
    setRunning(true);
    setProgress(null);
    try {
      setReport(await dataProvider.importRecords({ type, file, dryRun, onProgress: setProgress }));
    } catch (error) {
      const body = (error as HttpError).body as { report?: ImportReport; detail?: string; errors?: Record<string, unknown> } | undefined;
      if (body?.report) {
        setReport(body.report);
        setRefused(true);
      } else {
        const fields = Object.entries(body?.errors ?? {}).filter(([key]) => key !== 'root').map(([, value]) => String(value));
        setFailure(fields.join(' / ') || body?.detail || translate((error as Error).message, { _: (error as Error).message }));
      }
    } finally {
      setRunning(false);
    }
  };
  const checkedClean = report !== null && report.dryRun && report.problems.length === 0;

  return (
    <Card>
      <Title title={translate('tsunagu.import.title')} />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="body2">{translate('tsunagu.import.intro')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('tsunagu.import.order')}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
            <TextField
              select
              label={translate('tsunagu.import.type')}
              value={type}
              onChange={(event) => {
                setType(event.target.value as ImportType);
                reset();
              }}
              size="small"
              sx={{ minWidth: 240 }}
            >
              {TYPES.map((value) => (
                <MenuItem key={value} value={value}>
                  {translate(`tsunagu.import.types.${value}`)}
                </MenuItem>
              ))}
            </TextField>
            <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
              {translate('tsunagu.import.choose_file')}
              <input
                hidden
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-label={translate('tsunagu.import.choose_file')}
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  reset();
                }}
              />
            </Button>
            <Typography variant="body2" data-testid="import-file-name">
              {file ? file.name : translate('tsunagu.import.no_file')}
            </Typography>
          </Stack>
          <Stack direction="row" spacing={2}>
            <Button variant="outlined" disabled={!file || running} onClick={() => send(true)}>
              {translate('tsunagu.import.dry_run')}
            </Button>
            <Button variant="contained" disabled={!file || running || !checkedClean} onClick={() => send(false)}>
              {translate('tsunagu.import.run')}
            </Button>
          </Stack>
          {running ? (
            <Box role="status">
              {progress && progress.rows > 0 ? (
                <LinearProgress variant="determinate" value={Math.min(100, (100 * progress.checkedRows) / progress.rows)} aria-label={translate('tsunagu.import.progress_label')} />
              ) : (
                <LinearProgress aria-label={translate('tsunagu.import.progress_label')} />
              )}
              <Typography variant="body2" data-testid="import-progress">
                {progress && progress.rows > 0
                  ? translate('tsunagu.import.progress', { checked: progress.checkedRows, rows: progress.rows, created: progress.created, seconds })
                  : translate('tsunagu.import.running', { seconds })}
              </Typography>
            </Box>
          ) : null}
          {failure ? <Alert severity="error">{failure}</Alert> : null}
          {report ? <ImportReportView report={report} refused={refused} /> : null}
          {template ? (
            <Box>
              <Typography variant="subtitle2">{translate('tsunagu.import.template')}</Typography>
              <Typography variant="body2" color="text.secondary">
                {template.columns.map((column) => `${column.header}${column.required ? `（${translate('tsunagu.import.required')}）` : ''}`).join('、')}
              </Typography>
            </Box>
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
}

function ImportReportView({ report, refused }: { report: ImportReport; refused: boolean }) {
  const translate = useTranslate();
  const outcome = refused ? 'refused' : report.dryRun ? 'checked' : 'imported';
  return (
    <Stack spacing={1} data-testid="import-report">
      <Alert severity={refused || report.problems.length > 0 ? 'error' : 'success'}>
        {translate(`tsunagu.import.${outcome}`)}
        {' — '}
        {translate('tsunagu.import.summary', { rows: report.rows, created: report.created, unchanged: report.unchanged, problems: report.problems.length })}
      </Alert>
      <Typography variant="subtitle2">{translate('tsunagu.import.problems')}</Typography>
      {report.problems.length === 0 ? (
        <Typography variant="body2">{translate('tsunagu.import.no_problems')}</Typography>
      ) : (
        <Table size="small" aria-label={translate('tsunagu.import.problems')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('tsunagu.import.line')}</TableCell>
              <TableCell>{translate('tsunagu.import.column')}</TableCell>
              <TableCell>{translate('tsunagu.import.message')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {report.problems.map((problem, index) => (
              <TableRow key={`${problem.line}-${problem.column}-${index}`}>
                <TableCell>{problem.line}</TableCell>
                <TableCell>{problem.column}</TableCell>
                <TableCell>{problem.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {report.notices.length > 0 ? (
        <Box>
          <Typography variant="subtitle2">{translate('tsunagu.import.notices')}</Typography>
          <ul aria-label={translate('tsunagu.import.notices')}>
            {report.notices.map((notice, index) => (
              <li key={`${notice.line}-${notice.column}-${index}`}>{translate('tsunagu.import.notice', { line: notice.line, column: notice.column, message: notice.message })}</li>
            ))}
          </ul>
        </Box>
      ) : null}
      {report.duplicates.length > 0 ? (
        <Box>
          <Typography variant="subtitle2">{translate('tsunagu.import.duplicates')}</Typography>
          <ul>
            {report.duplicates.map((duplicate) => (
              <li key={duplicate.line}>
                {translate('tsunagu.import.duplicate_line', { line: duplicate.line })}
                {duplicate.candidateIds.length > 0 ? ` — ${translate('tsunagu.import.duplicate_existing', { count: duplicate.candidateIds.length })}` : ''}
                {duplicate.candidateLines.length > 0 ? ` — ${translate('tsunagu.import.duplicate_lines', { lines: duplicate.candidateLines.join('・') })}` : ''}
              </li>
            ))}
          </ul>
        </Box>
      ) : null}
    </Stack>
  );
}
