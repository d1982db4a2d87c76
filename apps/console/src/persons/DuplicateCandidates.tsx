import { Alert, List as MuiList, ListItem, ListItemText, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { FormDataConsumer, useDataProvider, useTranslate, type RaRecord } from 'react-admin';
import { formatDate } from '@tsunagu/util-japanese-calendar';
import { useDateDisplay } from '../dates/calendar';
import type { TsunaguDataProvider } from '../providers/dataProvider';

interface PersonDraft {
  familyNameKana?: string;
  givenNameKana?: string;
  birthDate?: string;
  phones?: Array<{ number?: string }>;
}

/** Live duplicate candidates while registering a person (same kana reading + birth date, or same phone). */
export function DuplicateCandidates() {
  return <FormDataConsumer<PersonDraft>>{({ formData }) => <CandidatesFor draft={formData} />}</FormDataConsumer>;
}

function CandidatesFor({ draft }: { draft: PersonDraft }) {
  const dataProvider = useDataProvider<TsunaguDataProvider>();
  const translate = useTranslate();
  const { calendar, locale } = useDateDisplay();
  const { familyNameKana, givenNameKana, birthDate, phones } = draft;
  const phone = phones?.find((entry) => entry?.number && entry.number.replace(/\D/g, '').length >= 10)?.number;
  const [candidates, setCandidates] = useState<RaRecord[] | undefined>();

  useEffect(() => {
    const byKana = familyNameKana && givenNameKana && birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate);
    if (!byKana && !phone) {
      setCandidates(undefined);
      return;
    }
    const timer = setTimeout(() => {
      dataProvider
        .duplicateCandidates(byKana ? { familyNameKana, givenNameKana, birthDate, phone } : { phone })
        .then(setCandidates)
        .catch(() => setCandidates(undefined));
    }, 400);
    return () => clearTimeout(timer);
  }, [dataProvider, familyNameKana, givenNameKana, birthDate, phone]);

  if (candidates === undefined) return null;
  return (
    <Alert severity={candidates.length ? 'warning' : 'info'} role="status" sx={{ my: 1, width: '100%', maxWidth: 720 }}>
      <Typography variant="subtitle2" component="h2">
        {translate('tsunagu.intake.duplicates_title')}
      </Typography>
      {candidates.length === 0 ? (
        translate('tsunagu.intake.duplicates_none')
      ) : (
        <MuiList dense aria-label={translate('tsunagu.intake.duplicates_title')}>
          {candidates.map((candidate) => (
            <ListItem key={String(candidate.id)} disableGutters>
              <ListItemText
                primary={
                  <Link to={`/persons/${String(candidate.id)}/show`}>
                    {String(candidate.familyName ?? '')} {String(candidate.givenName ?? '')}（{String(candidate.familyNameKana ?? '')} {String(candidate.givenNameKana ?? '')}）
                  </Link>
                }
                secondary={formatDate(candidate.birthDate as string | undefined, calendar, locale)}
              />
            </ListItem>
          ))}
        </MuiList>
      )}
    </Alert>
  );
}
