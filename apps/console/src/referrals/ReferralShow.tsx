import { Alert, Box, Typography } from '@mui/material';
import { BooleanField, CanAccess, ListButton, ReferenceField, Show, SimpleShowLayout, TextField, TopToolbar, useGetOne, useRecordContext, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { Pending } from '../shared/Pending';
import { referralPersonLines, type ReferralPersonRecord } from './referralPerson';
import { CodeField, OrganizationField, StatusField } from '../shared/codes';
import { ReferralAnswerButtons } from '../shared/RecordActionButtons';

function ShowActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <ReferralAnswerButtons />
      <ListButton />
    </TopToolbar>
  );
}

/**
 * Whom the referral is about: name, reading and contact as far as the caller may read the person (the addressee reads
 * them under the referral's consent or legal basis); what is withheld says so, with the reason, instead of staying blank.
 */
function ReferralPerson() {
  const record = useRecordContext();
  const translate = useTranslate();
  const personId = typeof record?.personId === 'string' ? record.personId : undefined;
  const { data, isPending, error } = useGetOne<ReferralPersonRecord & { id: string }>('persons', { id: personId ?? '' }, { enabled: personId !== undefined, retry: false });
  if (!personId) return null;
  if (isPending && !error) return <Pending />;
  const lines = referralPersonLines(error ? undefined : data);
  const show = (value: string | { withheld: string }) =>
    typeof value === 'string'
      ? value || translate('tsunagu.referral.none')
      : translate('tsunagu.referral.withheld', { reason: translate(`tsunagu.referral.withheld_reasons.${value.withheld}`) });
  const rows: Array<[string, string | { withheld: string }]> = [
    ['person_name', lines.name],
    ['person_kana', lines.kana],
    ['person_phone', lines.phone],
    ['person_address', lines.address],
  ];
  return (
    <Box component="section" aria-labelledby="referral-person" data-testid="referral-person">
      <Typography id="referral-person" component="h2" variant="subtitle1" sx={{ fontWeight: 'bold' }}>
        {translate('tsunagu.referral.person')}
      </Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 }}>
        {rows.map(([key, value]) => (
          <Box key={key} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {translate(`tsunagu.referral.${key}`)}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }} data-withheld={typeof value === 'string' ? undefined : value.withheld}>
              {show(value)}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** The consent the referral rested on was withdrawn: why 受理する is gone, and what the desk can do instead. */
function ConsentLapsedNotice() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (record?.consentLapsed !== true) return null;
  return (
    <Alert severity="warning" data-testid="referral-consent-lapsed">
      {translate('tsunagu.referral.consent_lapsed')}
    </Alert>
  );
}

export function ReferralShow() {
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <ConsentLapsedNotice />
        <CanAccess resource="persons" action="show">
          <ReferralPerson />
        </CanAccess>
        <CanAccess resource="consultations" action="show">
          <ReferenceField source="consultationId" reference="consultations" link="show" />
        </CanAccess>
        <OrganizationField source="fromOrganizationId" />
        <OrganizationField source="toOrganizationId" />
        <DateField source="referredOn" />
        <BooleanField source="accompanied" />
        <CodeField source="infoBasis" table="legalBasis" />
        <TextField source="basisNote" />
        <TextField source="requestNote" />
        <StatusField source="status" table="referralStatus" />
        <DateField source="followUpDue" />
        <CodeField source="reasonCode" table="referralReason" />
        <TextField source="responseNote" />
        <DateField source="respondedAt" showTime />
        <DateField source="firstContactOn" />
      </SimpleShowLayout>
    </Show>
  );
}
