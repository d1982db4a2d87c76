import { Alert, Box, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField, Typography } from '@mui/material';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { TsunaguDataProvider } from '../providers/dataProvider';
import { REASON_MAX, reasonProblem, rememberGrant, untilTime, type EmergencyAccessGrant } from './emergencyAccess';

/**
 * What a person's page shows when the API answers 404 (issue 13): the record is not open to the caller's desk — whether it
 * exists is not said — and, in an emergency, 緊急時アクセス with a reason, which is recorded and shown to supervisors.
 */
export function NoRelationship({ personId, onGranted }: { personId?: string; onGranted: (grant: EmergencyAccessGrant) => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [sending, setSending] = useState(false);
  const titleId = useId();
  const problem = reasonProblem(reason);

  async function submit() {
    setTouched(true);
    if (problem || !personId) return;
    setSending(true);
    setFailure(undefined);
    try {
      const grant = (await dataProvider.grantEmergencyAccess(personId, reason.trim())) as unknown as EmergencyAccessGrant;
      rememberGrant(grant);
      setOpen(false);
      onGranted(grant);
    } catch (error) {
      // The reason stays in the dialog (issue 15 item 11); a 404 here means there is no such person at all.
      const status = (error as { status?: number }).status;
      setFailure(translate(status === 404 ? 'tsunagu.emergency_access.no_such_person' : 'tsunagu.emergency_access.failed'));
    } finally {
      setSending(false);
    }
  }

  return (
    <Box component="section" aria-labelledby="no-relationship-title" sx={{ mt: 2 }}>
      <Title title={translate('tsunagu.emergency_access.page_title')} />
      <Card>
        <CardContent>
          <Typography id="no-relationship-title" component="h1" variant="h5" gutterBottom>
            {translate('tsunagu.emergency_access.no_relationship')}
          </Typography>
          <Typography variant="body1" sx={{ mb: 2 }}>
            {translate('tsunagu.emergency_access.explain')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 2 }}>
            <Button variant="contained" color="warning" onClick={() => setOpen(true)} disabled={!personId}>
              {translate('tsunagu.emergency_access.request')}
            </Button>
            <Button component={Link} to="/" variant="outlined">
              {translate('tsunagu.access_denied.back')}
            </Button>
          </Box>
        </CardContent>
      </Card>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <DialogTitle id={titleId}>{translate('tsunagu.emergency_access.request')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('tsunagu.emergency_access.dialog_intro')}</DialogContentText>
          {failure && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {failure}
            </Alert>
          )}
          <TextField
            label={translate('tsunagu.emergency_access.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            onBlur={() => setTouched(true)}
            required
            multiline
            minRows={3}
            fullWidth
            slotProps={{ htmlInput: { maxLength: REASON_MAX } }}
            error={touched && problem !== undefined}
            helperText={touched && problem ? translate(problem) : translate('tsunagu.emergency_access.reason_hint')}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" color="warning" onClick={submit} disabled={sending}>
            {translate('tsunagu.emergency_access.open')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

/** 「緊急時アクセス中（HH:MM まで・記録されます）」 over a record opened by break-glass. */
export function EmergencyAccessBanner({ grant }: { grant: EmergencyAccessGrant | undefined }) {
  const translate = useTranslate();
  if (!grant) return null;
  return (
    <Alert severity="warning" role="status" sx={{ mt: 2 }} data-testid="emergency-access-banner">
      {translate('tsunagu.emergency_access.banner', { time: untilTime(grant.expiresAt) })}
    </Alert>
  );
}

