import { Alert, AlertTitle } from '@mui/material';
import { useContext, useEffect, useState } from 'react';
import { DataProviderContext, useDataProvider, useLogoutIfAccessDenied, useNotify, useRefresh, useTranslate, type HttpError } from 'react-admin';
import type { TsunaguDataProvider } from '../providers/dataProvider';
import { useProblemText } from '../shared/problemText';
import { refusalOf, type Refusal } from './refusal';

/**
 * Runs a state-changing command and keeps its refusal on screen. It uses the dataProvider as given to <Admin>
 * (not the `useDataProvider` wrapper), so a 403 of a business rule — the consent gate — is shown where the user
 * is instead of sending them to the access-denied page, which is for screens their roles do not open.
 */
export function useCommand(consentMessage: string) {
  const dataProvider = useContext(DataProviderContext) as TsunaguDataProvider;
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const run = async (command: (dataProvider: TsunaguDataProvider) => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(true);
    setRefusal(undefined);
    try {
      await command(dataProvider);
      notify(done, { type: 'success' });
      refresh();
      return true;
    } catch (error) {
      // An expired session still signs the user out (the wrapper would have); business refusals stay on the page.
      if ((error as HttpError | undefined)?.status === 401) await logoutIfAccessDenied(error);
      setRefusal(refusalOf(error, consentMessage));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, refusal, clear: () => setRefusal(undefined) };
}

/** The server's refusal, in Japanese first, with its own words below (role="alert": read out when it appears). */
export function RefusalAlert({ refusal, onClose }: { refusal?: Refusal; onClose?: () => void }) {
  const translate = useTranslate();
  const problemText = useProblemText();
  if (!refusal) return null;
  const title = translate(refusal.message, { _: refusal.message, detail: '', names: '' }).replace(/（）|\(\)/, '');
  // The reason in our words; the server's own (English) words only for a problem the console does not know.
  const consentRefusal = refusal.consent === true;
  const reason = refusal.problem && !consentRefusal ? problemText(refusal.problem) : undefined;
  return (
    <Alert severity="error" role="alert" onClose={onClose} sx={{ my: 1 }} data-testid="command-refusal">
      <AlertTitle>{title}</AlertTitle>
      {reason && reason !== title ? <span>{reason}</span> : null}
      {!reason && !consentRefusal && refusal.detail && <span lang="en">{translate('tsunagu.programmes.server_said', { detail: refusal.detail })}</span>}
    </Alert>
  );
}

/**
 * GET of one JSON document under the API root (a watch plan, a need's suggestions, overdue lists), read again
 * whenever `round` changes (after a command). Reports use `useReport`; this adds the re-read.
 */
export function useApiJson<T>(path: string, round: unknown = 0, enabled = true): { data?: T; failed?: boolean } {
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const [state, setState] = useState<{ data?: T; failed?: boolean }>({});
  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    dataProvider
      .fetchBlob(path)
      .then(async ({ blob }) => current && setState({ data: JSON.parse(await blob.text()) as T }))
      .catch(() => current && setState({ failed: true }));
    return () => {
      current = false;
    };
  }, [dataProvider, path, round, enabled]);
  return state;
}
