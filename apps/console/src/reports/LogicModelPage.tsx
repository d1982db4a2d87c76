import { Alert, Box, Button, Card, CardContent, MenuItem, Stack, Tab, Table, TableBody, TableCell, TableHead, TableRow, Tabs, TextField as MuiTextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Loading, Title, useAuthenticated, useCanAccess, useDataProvider, useGetIdentity, useNotify, useRequireAccess, useTranslate, type HttpError } from 'react-admin';
import { fiscalYearLabel } from '@tsunagu/util-japanese-calendar';
import { useDateDisplay } from '../dates/calendar';
import type { TsunaguDataProvider } from '../providers/dataProvider';
import { Pending } from '../shared/Pending';
import { currentFiscalYear } from './ReportsPage';

const STAGES = ['activity', 'output', 'short-term-outcome', 'long-term-outcome'] as const;
type Stage = (typeof STAGES)[number];

interface IndicatorResult {
  code: string;
  name: string;
  unit: string;
  target: number | null;
  actual: number | null;
  suppressed: boolean;
  achievementRate: number | null;
}

interface Item {
  id: string;
  jigyo: string;
  stage: Stage;
  stageLabel: string;
  position: number;
  title: string;
  indicatorCode: string | null;
  note: string | null;
  version: number;
  indicator: IndicatorResult | null;
  costPerResult: number | null;
}

interface Budget {
  amountYen: number;
  staffFte: number;
  note: string | null;
  version: number;
}

interface LogicModel {
  jigyo: { jigyo: string; label: string; budget: Budget | null; stages: { stage: Stage; label: string; items: Item[] }[] }[];
}

interface JigyoReport {
  sheets: { jigyo: string; cost?: { results: { table: string; code: string | null; label: string; unit: string; count: number | null; costPerResult: number | null }[] } | null }[];
}

const yen = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value.toLocaleString('ja-JP')}円`);
const rate = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10}%`);

/** A JSON document of the API, read again whenever `refresh` changes (after an edit). */
function useDocument<T>(path: string, refresh: number): T | undefined {
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const [data, setData] = useState<T>();
  useEffect(() => {
    let current = true;
    dataProvider
      .fetchBlob(path)
      .then(async ({ blob }) => current && setData(JSON.parse(await blob.text()) as T))
      .catch(() => current && setData(undefined));
    return () => {
      current = false;
    };
  }, [dataProvider, path, refresh]);
  return data;
}

const EMPTY_ITEM = { stage: 'activity' as Stage, title: '', indicatorCode: '', note: '' };

/**
 * ロジックモデル (issue 17): per 年度 and 事業, activities → outputs → outcomes with each indicator's target vs actual,
 * 事業費 and cost per result. Analysts read; the city's supervisors and admins edit (a contracted desk's never do: the API
 * refuses them too).
 */
export function LogicModelPage() {
  useAuthenticated();
  const { isPending: checkingAccess } = useRequireAccess({ resource: 'logic-model', action: 'list' });
  const { canAccess: mayWrite } = useCanAccess({ resource: 'logic-model', action: 'create' });
  const { identity } = useGetIdentity();
  const editor = Boolean(mayWrite) && !(identity as { agency?: string } | undefined)?.agency;
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const { calendar } = useDateDisplay();
  const [fiscalYear, setFiscalYear] = useState(currentFiscalYear());
  const [tab, setTab] = useState(0);
  const [refresh, setRefresh] = useState(0);
  const model = useDocument<LogicModel>(`reporting/logic-model?fiscalYear=${fiscalYear}`, refresh);
  const report = useDocument<JigyoReport>(`reporting/reports/jigyo?fiscalYear=${fiscalYear}`, refresh);
  const indicators = useDocument<{ code: string; name: string }[]>('reporting/indicators', 0);
  const [form, setForm] = useState(EMPTY_ITEM);
  const [editing, setEditing] = useState<Item | null>(null);
  const [budgetForm, setBudgetForm] = useState({ amountYen: '', staffFte: '', note: '' });
  const current = model?.jigyo[tab];
  const reload = useCallback(() => setRefresh((value) => value + 1), []);
  useEffect(() => {
    const budget = current?.budget;
    setBudgetForm({ amountYen: budget ? String(budget.amountYen) : '', staffFte: budget ? String(budget.staffFte) : '', note: budget?.note ?? '' });
  }, [current?.jigyo, current?.budget]);
  if (checkingAccess) return <Loading />;
  const years = [0, 1, 2, 3].map((back) => currentFiscalYear() - back);
  const codes = [...new Map((indicators ?? []).map((indicator) => [indicator.code, indicator])).values()];
  const failed = (error: unknown) => notify((error as HttpError)?.message ?? 'ra.notification.http_error', { type: 'error' });

  const saveItem = async () => {
    if (!current) return;
    const fields = { stage: form.stage, title: form.title.trim(), indicatorCode: form.stage === 'activity' || !form.indicatorCode ? null : form.indicatorCode, note: form.note.trim() || null };
    try {
      if (editing) await dataProvider.update('logic-model-items', { id: editing.id, data: fields, previousData: editing });
      else await dataProvider.create('logic-model-items', { data: { fiscalYear, jigyo: current.jigyo, ...fields } });
      notify(editing ? 'tsunagu.logic_model.updated' : 'tsunagu.logic_model.added', { type: 'info' });
      setForm(EMPTY_ITEM);
      setEditing(null);
      reload();
    } catch (error) {
      failed(error);
    }
  };
  const removeItem = async (item: Item) => {
    try {
      await dataProvider.remove(`reporting/logic-model-items/${encodeURIComponent(item.id)}`, item.version);
      notify('tsunagu.logic_model.removed', { type: 'info' });
      reload();
    } catch (error) {
      failed(error);
    }
  };
  const saveBudget = async () => {
    if (!current) return;
    try {
      await dataProvider.replace(
        `reporting/jigyo-budgets/${fiscalYear}/${current.jigyo}`,
        { amountYen: Number(budgetForm.amountYen), staffFte: Number(budgetForm.staffFte), note: budgetForm.note.trim() || null },
        current.budget?.version,
      );
      notify('tsunagu.logic_model.budget_saved', { type: 'info' });
      reload();
    } catch (error) {
      failed(error);
    }
  };
  const costs = report?.sheets.find((sheet) => sheet.jigyo === current?.jigyo)?.cost;

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('tsunagu.logic_model.title')} />
      <Typography component="h1" variant="h5" gutterBottom>
        {translate('tsunagu.logic_model.title')}
      </Typography>
      <MuiTextField select size="small" label={translate('tsunagu.reports.fiscal_year')} value={fiscalYear} onChange={(event) => setFiscalYear(Number(event.target.value))} sx={{ minWidth: 200, mb: 2 }}>
        {years.map((year) => (
          <MenuItem key={year} value={year}>
            {fiscalYearLabel(year, calendar)}
          </MenuItem>
        ))}
      </MuiTextField>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate(editor ? 'tsunagu.logic_model.note_editor' : 'tsunagu.logic_model.note_reader')}
      </Alert>
      {!model || !current ? (
        <Pending />
      ) : (
        <>
          <Tabs value={tab} onChange={(_, value: number) => setTab(value)} variant="scrollable" aria-label={translate('tsunagu.logic_model.jigyo')} sx={{ mb: 2 }}>
            {model.jigyo.map((entry) => (
              <Tab key={entry.jigyo} label={entry.label} />
            ))}
          </Tabs>
          <Stack spacing={2}>
            <Card>
              <CardContent>
                <Typography component="h2" variant="h6">
                  {translate('tsunagu.logic_model.budget')}
                </Typography>
                <Typography data-testid="jigyo-budget">
                  {current.budget
                    ? translate('tsunagu.logic_model.budget_line', { amount: yen(current.budget.amountYen), staff: current.budget.staffFte })
                    : translate('tsunagu.logic_model.no_budget')}
                </Typography>
                {editor && (
                  <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ mt: 1 }}>
                    <MuiTextField size="small" label={translate('tsunagu.logic_model.amount_yen')} value={budgetForm.amountYen} onChange={(event) => setBudgetForm({ ...budgetForm, amountYen: event.target.value })} inputMode="numeric" />
                    <MuiTextField size="small" label={translate('tsunagu.logic_model.staff_fte')} value={budgetForm.staffFte} onChange={(event) => setBudgetForm({ ...budgetForm, staffFte: event.target.value })} inputMode="decimal" />
                    <MuiTextField size="small" label={translate('tsunagu.logic_model.note')} value={budgetForm.note} onChange={(event) => setBudgetForm({ ...budgetForm, note: event.target.value })} />
                    <Button variant="outlined" onClick={saveBudget} disabled={!budgetForm.amountYen || !budgetForm.staffFte} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
                      {translate('tsunagu.logic_model.save_budget')}
                    </Button>
                  </Stack>
                )}
                {costs && (
                  <Table size="small" aria-label={translate('tsunagu.logic_model.cost_per_result')} sx={{ mt: 2 }}>
                    <TableHead>
                      <TableRow>
                        <TableCell component="th">{translate('tsunagu.logic_model.result')}</TableCell>
                        <TableCell component="th" align="right">
                          {translate('tsunagu.reports.actual')}
                        </TableCell>
                        <TableCell component="th" align="right">
                          {translate('tsunagu.logic_model.cost_per_result')}
                        </TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {costs.results.map((result) => (
                        <TableRow key={`${result.table}:${result.code ?? ''}`}>
                          <TableCell>{result.label}</TableCell>
                          <TableCell align="right">{result.count === null ? '＊' : `${result.count}${result.unit}`}</TableCell>
                          <TableCell align="right">{yen(result.costPerResult)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </CardContent>
            </Card>
            <Card>
              <CardContent>
                <Typography component="h2" variant="h6">
                  {translate('tsunagu.logic_model.target_vs_actual', { jigyo: current.label })}
                </Typography>
                <Table size="small" aria-label={translate('tsunagu.logic_model.target_vs_actual', { jigyo: current.label })}>
                  <TableHead>
                    <TableRow>
                      <TableCell component="th">{translate('tsunagu.logic_model.stage')}</TableCell>
                      <TableCell component="th">{translate('tsunagu.logic_model.item')}</TableCell>
                      <TableCell component="th">{translate('tsunagu.reports.indicator')}</TableCell>
                      <TableCell component="th" align="right">
                        {translate('tsunagu.reports.target')}
                      </TableCell>
                      <TableCell component="th" align="right">
                        {translate('tsunagu.reports.actual')}
                      </TableCell>
                      <TableCell component="th" align="right">
                        {translate('tsunagu.reports.achievement')}
                      </TableCell>
                      <TableCell component="th" align="right">
                        {translate('tsunagu.logic_model.cost_per_result')}
                      </TableCell>
                      <TableCell component="th">{translate('tsunagu.logic_model.note')}</TableCell>
                      {editor && <TableCell component="th">{translate('tsunagu.logic_model.actions')}</TableCell>}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {current.stages.flatMap((stage) => stage.items).length === 0 && (
                      <TableRow>
                        <TableCell colSpan={editor ? 9 : 8}>{translate('tsunagu.logic_model.empty')}</TableCell>
                      </TableRow>
                    )}
                    {current.stages.flatMap((stage) =>
                      stage.items.map((item) => (
                        <TableRow key={item.id} data-stage={item.stage}>
                          <TableCell>{stage.label}</TableCell>
                          <TableCell>{item.title}</TableCell>
                          <TableCell>{item.indicator?.name ?? '—'}</TableCell>
                          <TableCell align="right">{item.indicator?.target === null || !item.indicator ? '—' : `${item.indicator.target}${item.indicator.unit}`}</TableCell>
                          <TableCell align="right">{!item.indicator ? '—' : item.indicator.suppressed ? '＊' : `${item.indicator.actual ?? '—'}${item.indicator.actual === null ? '' : item.indicator.unit}`}</TableCell>
                          <TableCell align="right">{item.indicator ? rate(item.indicator.achievementRate) : '—'}</TableCell>
                          <TableCell align="right">{yen(item.costPerResult)}</TableCell>
                          <TableCell>{item.note ?? ''}</TableCell>
                          {editor && (
                            <TableCell>
                              <Button
                                size="small"
                                onClick={() => {
                                  setEditing(item);
                                  setForm({ stage: item.stage, title: item.title, indicatorCode: item.indicatorCode ?? '', note: item.note ?? '' });
                                }}
                              >
                                {translate('tsunagu.logic_model.edit', { title: item.title })}
                              </Button>
                              <Button size="small" color="error" onClick={() => removeItem(item)}>
                                {translate('tsunagu.logic_model.remove', { title: item.title })}
                              </Button>
                            </TableCell>
                          )}
                        </TableRow>
                      )),
                    )}
                  </TableBody>
                </Table>
              </CardContent>
            </Card>
            {editor && (
              <Card>
                <CardContent>
                  <Typography component="h2" variant="h6">
                    {translate(editing ? 'tsunagu.logic_model.edit_heading' : 'tsunagu.logic_model.add_heading')}
                  </Typography>
                  <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ mt: 1 }}>
                    <MuiTextField select size="small" label={translate('tsunagu.logic_model.stage')} value={form.stage} onChange={(event) => setForm({ ...form, stage: event.target.value as Stage })} sx={{ minWidth: 180 }}>
                      {STAGES.map((stage) => (
                        <MenuItem key={stage} value={stage}>
                          {translate(`tsunagu.logic_model.stages.${stage}`)}
                        </MenuItem>
                      ))}
                    </MuiTextField>
                    <MuiTextField size="small" label={translate('tsunagu.logic_model.item')} value={form.title} onChange={(event) => setForm({ ...form, title: event.target.value })} sx={{ minWidth: 240 }} />
                    <MuiTextField
                      select
                      size="small"
                      label={translate('tsunagu.reports.indicator')}
                      value={form.stage === 'activity' ? '' : form.indicatorCode}
                      disabled={form.stage === 'activity'}
                      onChange={(event) => setForm({ ...form, indicatorCode: event.target.value })}
                      sx={{ minWidth: 220 }}
                    >
                      <MenuItem value="">{translate('tsunagu.logic_model.no_indicator')}</MenuItem>
                      {codes.map((indicator) => (
                        <MenuItem key={indicator.code} value={indicator.code}>
                          {indicator.name}
                        </MenuItem>
                      ))}
                    </MuiTextField>
                    <MuiTextField size="small" label={translate('tsunagu.logic_model.note')} value={form.note} onChange={(event) => setForm({ ...form, note: event.target.value })} sx={{ minWidth: 240 }} />
                    <Button variant="contained" onClick={saveItem} disabled={!form.title.trim()} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
                      {translate(editing ? 'tsunagu.logic_model.update' : 'tsunagu.logic_model.add')}
                    </Button>
                    {editing && (
                      <Button
                        onClick={() => {
                          setEditing(null);
                          setForm(EMPTY_ITEM);
                        }}
                      >
                        {translate('ra.action.cancel')}
                      </Button>
                    )}
                  </Stack>
                </CardContent>
              </Card>
            )}
          </Stack>
        </>
      )}
    </Box>
  );
}
