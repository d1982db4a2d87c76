import { Chip, List as MuiList, ListItem, Stack, Typography } from '@mui/material';
import { Loading, RecordContextProvider, useGetList, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import { DateField } from '../dates/DateField';

function ContactEntry({ contact }: { contact: RaRecord }) {
  const translate = useTranslate();
  const code = (table: string, value: unknown) => translate(`tsunagu.codes.${table}.${String(value)}`, { _: String(value) });
  const companions = ((contact.accompaniedBy as Array<{ kind: string; name?: string | null }> | undefined) ?? []).map((companion) =>
    companion.name ? `${companion.name}（${code('watcherKind', companion.kind)}）` : code('watcherKind', companion.kind),
  );
  const observations = (contact.observations as string[] | undefined) ?? [];
  return (
    <ListItem disableGutters divider sx={{ display: 'block' }} data-testid="outreach-contact">
      <RecordContextProvider value={contact}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <DateField source="contactedAt" showTime />
          <Chip size="small" label={code('contactMethod', contact.method)} />
          <Chip size="small" variant="outlined" color={contact.successful ? 'success' : 'default'} label={code('contactResult', contact.result)} />
          {observations.map((observation) => (
            <Chip key={observation} size="small" variant="outlined" color="warning" label={code('observation', observation)} />
          ))}
        </Stack>
        {contact.observationNote ? <Typography variant="body2">{String(contact.observationNote)}</Typography> : null}
        {companions.length ? (
          <Typography variant="body2">
            {translate('resources.outreach-contacts.fields.accompaniedBy')}: {companions.join('、')}
          </Typography>
        ) : null}
        {contact.nextAction || contact.nextDueOn ? (
          <Typography variant="body2" component="div">
            {translate('resources.outreach-contacts.fields.nextAction')}: {String(contact.nextAction ?? '')}{' '}
            {contact.nextDueOn ? (
              <>
                （{translate('resources.outreach-contacts.fields.nextDueOn')}: <DateField source="nextDueOn" />）
              </>
            ) : null}
          </Typography>
        ) : null}
      </RecordContextProvider>
    </ListItem>
  );
}

/** The contact log of a target, newest first. */
export function ContactTimeline() {
  const target = useRecordContext();
  const translate = useTranslate();
  const { data, isPending, error } = useGetList(
    'outreach-contacts',
    { filter: { targetId: target?.id }, sort: { field: 'contactedAt', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: Boolean(target?.id) },
  );
  if (isPending) return <Loading />;
  if (error) return <Typography variant="body2">{translate('tsunagu.errors.server')}</Typography>;
  if (!data?.length) return <Typography variant="body2">{translate('tsunagu.outreach.no_contacts')}</Typography>;
  return (
    <MuiList dense aria-label={translate('tsunagu.outreach.timeline')}>
      {data.map((contact) => (
        <ContactEntry key={contact.id} contact={contact} />
      ))}
    </MuiList>
  );
}
