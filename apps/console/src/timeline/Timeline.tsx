import { Alert, Box, Chip, Link, List as MuiList, ListItem, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useCanAccess, useDataProvider, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { isLoadableSubject, isRecordId, loadTimeline, OUTREACH_CONTACTS, PARTICIPATION_MATCHES, TIMELINE_EXTENSIONS, type ListFn, type TimelineEntry, type TimelineResult, type TimelineSubject } from './timeline';
import { Pending } from '../shared/Pending';

/**
 * The subject's records, merged by `loadTimeline` (the dataProvider's lists, 100 rows per call). Another service's
 * records join only for roles that may read them: a refused list would send the user to the access-denied page.
 */
function useTimeline(subject: TimelineSubject | undefined): TimelineResult | undefined {
  const dataProvider = useDataProvider();
  const outreach = useCanAccess({ resource: 'outreach-targets', action: 'list' });
  const matching = useCanAccess({ resource: 'participation-matches', action: 'list' });
  const [result, setResult] = useState<TimelineResult | undefined>();
  const key = isLoadableSubject(subject) ? JSON.stringify({ ...subject, ...('memberIds' in subject ? { memberIds: subject.memberIds.filter((id) => isRecordId(id)) } : {}) }) : '';
  const withOutreach = outreach.canAccess === true;
  const withMatches = matching.canAccess === true;
  useEffect(() => {
    if (!key || outreach.isPending || matching.isPending) return;
    let current = true;
    setResult(undefined);
    const list: ListFn = async (resource, filter) =>
      (await dataProvider.getList(resource, { pagination: { page: 1, perPage: 100 }, sort: { field: '', order: 'DESC' }, filter })).data as Awaited<ReturnType<ListFn>>;
    const extensions = [...TIMELINE_EXTENSIONS, ...(withOutreach ? [OUTREACH_CONTACTS] : []), ...(withMatches ? [PARTICIPATION_MATCHES] : [])];
    void loadTimeline(JSON.parse(key) as TimelineSubject, list, extensions).then((loaded) => current && setResult(loaded));
    return () => {
      current = false;
    };
  }, [dataProvider, key, withOutreach, outreach.isPending, withMatches, matching.isPending]);
  return result;
}

function EntryRow({ entry }: { entry: TimelineEntry }) {
  const translate = useTranslate();
  const kind = translate(`tsunagu.timeline.kinds.${entry.kind}`, { _: entry.kind });
  return (
    <ListItem divider data-kind={entry.kind} sx={{ alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
      <Box sx={{ minWidth: 200 }}>
        <DateField record={{ id: entry.id, at: entry.at }} source="at" showTime={!entry.allDay} />
      </Box>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', flex: 1 }}>
        <Link href={`#/${entry.resource}/${encodeURIComponent(entry.id)}/show`} underline="always" sx={{ fontWeight: 600 }}>
          {kind}
          {entry.text ? ` ${entry.text}` : ''}
        </Link>
        {entry.labels?.map((label) => (
          <Typography key={`${label.table}:${label.code}`} component="span" variant="body2">
            {translate(`tsunagu.codes.${label.table}.${label.code}`, { _: label.code })}
          </Typography>
        ))}
        {entry.status && <Chip size="small" variant="outlined" label={translate(`tsunagu.codes.${entry.status.table}.${entry.status.code}`, { _: entry.status.code })} />}
      </Stack>
    </ListItem>
  );
}

/**
 * One timeline (newest first) of a person or a household: consultations, referrals, consents, cases, plans,
 * meetings and progress notes — and the アウトリーチ contacts and 参加支援 matches for roles that may read them.
 */
export function Timeline({ subject }: { subject: TimelineSubject | undefined }) {
  const translate = useTranslate();
  const result = useTimeline(subject);
  return (
    <Box component="section" aria-labelledby="timeline-heading" sx={{ mt: 2 }}>
      <Typography id="timeline-heading" component="h2" variant="h6" gutterBottom>
        {translate('tsunagu.timeline.title')}
      </Typography>
      {!result ? (
        <Pending />
      ) : (
        <>
          {result.failed.length > 0 && (
            <Alert severity="warning" sx={{ mb: 1 }}>
              {translate('tsunagu.timeline.partial', { sources: result.failed.map((source) => translate(`tsunagu.timeline.kinds.${source}`, { _: source })).join('、') })}
            </Alert>
          )}
          {result.entries.length === 0 ? (
            <Typography variant="body2">{translate('tsunagu.timeline.empty')}</Typography>
          ) : (
            <MuiList aria-label={translate('tsunagu.timeline.title')} dense>
              {result.entries.map((entry) => (
                <EntryRow key={entry.key} entry={entry} />
              ))}
            </MuiList>
          )}
        </>
      )}
    </Box>
  );
}
