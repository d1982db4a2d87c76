import { Alert, AlertTitle, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControl, FormControlLabel, FormLabel, MenuItem, Radio, RadioGroup, TextField } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { AutocompleteInput, BooleanInput, FormDataConsumer, ReferenceInput, required, SimpleForm, TextInput, useDataProvider, useNotify, useTranslate, type HttpError } from 'react-admin';
import { codeChoices } from '../i18n/codes';
import { messageArgsOf } from '../providers/dataProvider';
import { TsunaguCreate } from '../shared/forms';
import { CodeSelectInput, OrganizationInput } from '../shared/codes';
import { missingConsentOf, referralConsentBody, type MissingConsent, type ReferralConsentScope } from './missingConsent';

/** Records the person's consent to provide their information to the organisation referred to, without leaving the form. */
function RecordConsentDialog({ missing, open, onClose, onRecorded }: { missing: MissingConsent & { personId: string }; open: boolean; onClose: () => void; onRecorded: () => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const [scope, setScope] = useState<ReferralConsentScope>('named-organization');
  const [method, setMethod] = useState('signature');
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await dataProvider.create('consents', { data: referralConsentBody(missing, scope, method) });
      notify('tsunagu.referral.consent_recorded', { type: 'success' });
      onRecorded();
    } catch (error) {
      const httpError = error as HttpError;
      notify(httpError?.message || 'tsunagu.errors.server', { type: 'error', messageArgs: messageArgsOf(httpError) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="referral-consent-title" aria-describedby="referral-consent-intro">
      <DialogTitle id="referral-consent-title">{translate('tsunagu.referral.consent_dialog_title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="referral-consent-intro" sx={{ mb: 2 }}>
          {translate('tsunagu.referral.consent_dialog_intro')}
        </DialogContentText>
        <FormControl sx={{ mb: 2 }}>
          <FormLabel id="referral-consent-scope">{translate('resources.consents.fields.scope')}</FormLabel>
          <RadioGroup aria-labelledby="referral-consent-scope" value={scope} onChange={(event) => setScope(event.target.value as ReferralConsentScope)}>
            <FormControlLabel value="named-organization" control={<Radio />} label={translate('tsunagu.referral.consent_scope_named')} />
            <FormControlLabel value="agency-sharing" control={<Radio />} label={translate('tsunagu.referral.consent_scope_agency')} />
          </RadioGroup>
        </FormControl>
        <TextField select fullWidth label={translate('resources.consents.fields.method')} value={method} onChange={(event) => setMethod(event.target.value)}>
          {codeChoices('consentMethod').map((choice) => (
            <MenuItem key={choice.id} value={choice.id}>
              {translate(choice.name)}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={saving}>
          {translate('tsunagu.referral.consent_cancel')}
        </Button>
        <Button onClick={save} variant="contained" disabled={saving}>
          {translate('tsunagu.referral.consent_save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** What is missing, said where the user is, with the way to record it; the form keeps what was typed. */
function MissingConsentAlert({ missing, consultationId, onResolved }: { missing?: MissingConsent; consultationId: unknown; onResolved: () => void }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const refused = useRef(consultationId);
  // Another consultation (another person): the refusal no longer applies.
  useEffect(() => {
    if (consultationId === refused.current) return;
    refused.current = consultationId;
    onResolved();
  }, [consultationId, onResolved]);
  if (!missing) return null;
  const personId = missing.personId;
  return (
    <Alert severity="warning" role="alert" sx={{ my: 1, maxWidth: 720 }} data-testid="missing-consent">
      <AlertTitle>{translate('tsunagu.referral.missing_consent_title')}</AlertTitle>
      {translate('tsunagu.referral.missing_consent')}
      {personId !== null && (
        <>
          <div>
            <Button variant="outlined" sx={{ mt: 1 }} onClick={() => setOpen(true)}>
              {translate('tsunagu.referral.record_consent')}
            </Button>
          </div>
          <RecordConsentDialog
            missing={{ ...missing, personId }}
            open={open}
            onClose={() => setOpen(false)}
            onRecorded={() => {
              setOpen(false);
              onResolved();
            }}
          />
        </>
      )}
    </Alert>
  );
}

/** つなぐ: refer a consultation to an agency under a legal basis (consent, 106条の6 支援会議, 通報). */
export function ReferralCreate() {
  const notify = useNotify();
  const [missing, setMissing] = useState<MissingConsent>();
  const onError = (error: unknown) => {
    const httpError = error as HttpError;
    setMissing(missingConsentOf(error));
    // Field errors (400/422) are shown on their inputs with the form's own message, as react-admin does by default.
    const fieldErrors = (httpError?.body as { errors?: Record<string, unknown> } | undefined)?.errors;
    if (fieldErrors && Object.keys(fieldErrors).length) return;
    notify(httpError?.message || 'tsunagu.errors.server', { type: 'error', messageArgs: messageArgsOf(httpError) });
  };
  const resolved = () => setMissing(undefined);
  return (
    <TsunaguCreate mutationOptions={{ onError }}>
      <SimpleForm defaultValues={{ infoBasis: 'consent', accompanied: false }}>
        <ReferenceInput source="consultationId" reference="consultations">
          <AutocompleteInput optionText="receptionNo" validate={required()} filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <OrganizationInput source="toOrganizationId" validate={required()} />
        <CodeSelectInput source="infoBasis" table="legalBasis" validate={required()} />
        <FormDataConsumer<{ consultationId?: string }>>{({ formData }) => <MissingConsentAlert missing={missing} consultationId={formData.consultationId} onResolved={resolved} />}</FormDataConsumer>
        <TextInput source="basisNote" fullWidth />
        <BooleanInput source="accompanied" />
        <TextInput source="requestNote" multiline minRows={3} fullWidth />
      </SimpleForm>
    </TsunaguCreate>
  );
}
