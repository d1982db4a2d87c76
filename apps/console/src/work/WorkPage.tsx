import { Box, Card, CardContent, Link, List as MuiList, ListItem, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { CanAccess, ReferenceField, Title, useAuthenticated, useGetList, useRequireAccess, useTranslate, type RaRecord, type SortPayload } from 'react-admin';
import { DateField } from '../dates/DateField';
import { ParticipationWorkCard } from '../matching';
import { OutreachWorkCards } from '../outreach';
import { Pending } from '../shared/Pending';
import { PersonNameField } from '../shared/PersonNameField';

/** The caseworker's to-do lists: one API list each, linked to the full filtered list. */
export const WORK_LISTS = [
  { key: 'my_cases', resource: 'cases', filter: { mine: true }, sort: { field: 'updatedAt', order: 'DESC' } },
  { key: 'overdue_referrals', resource: 'referrals', filter: { overdue: true }, sort: { field: 'followUpDue', order: 'ASC' } },
  // The desk's inbox: requests addressed to the caller's own desk (the agency's, or the city desk's) still to answer.
  { key: 'incoming_referrals', resource: 'referrals', filter: { incoming: true, status: 'requested' }, sort: { field: 'referredOn', order: 'ASC' } },
  { key: 'awaiting_answer', resource: 'referrals', filter: { status: 'requested' }, sort: { field: 'referredOn', order: 'ASC' } },
  { key: 'reports_pending', resource: 'mandatory-reports', filter: { status: 'decision-pending' }, sort: { field: 'createdAt', order: 'ASC' } },
] as const satisfies ReadonlyArray<{ key: string; resource: string; filter: Record<string, unknown>; sort: SortPayload }>;

type WorkList = (typeof WORK_LISTS)[number];

/** `#/<resource>?filter=…&sort=…&order=…`: the react-admin list with the same filter. */
export function listLink(list: Pick<WorkList, 'resource' | 'filter' | 'sort'>): string {
  return `#/${list.resource}?filter=${encodeURIComponent(JSON.stringify(list.filter))}&sort=${list.sort.field}&order=${list.sort.order}`;
}

function RowText({ list, record }: { list: WorkList; record: RaRecord }) {
  const translate = useTranslate();
  if (list.resource === 'cases') {
    return (
      <Stack direction="row" spacing={1} component="span" useFlexGap sx={{ flexWrap: 'wrap' }}>
        <span>
          {String(record.caseNo ?? '')} {translate(`tsunagu.codes.caseStatus.${String(record.status)}`, { _: String(record.status) })}
        </span>
        <PersonNameField source="keyPersonId" record={record} />
      </Stack>
    );
  }
  if (list.resource === 'referrals') {
    return (
      <Stack direction="row" spacing={1} component="span" useFlexGap sx={{ flexWrap: 'wrap' }}>
        {/* The inbox names who asked; the other lists whom the desk asked. */}
        <ReferenceField source={list.key === 'incoming_referrals' ? 'fromOrganizationId' : 'toOrganizationId'} reference="organizations" record={record} link={false} />
        <PersonNameField source="personId" record={record} />
        <span>{translate('resources.referrals.fields.followUpDue')}:</span>
        <DateField source="followUpDue" record={record} />
      </Stack>
    );
  }
  return (
    <Stack direction="row" spacing={1} component="span" useFlexGap sx={{ flexWrap: 'wrap' }}>
      <span>
        {String(record.lawLabel ?? '')} {translate(`tsunagu.codes.issueTag.${String(record.issueTag)}`, { _: String(record.issueTag ?? '') })}
      </span>
      <PersonNameField source="personId" record={record} />
    </Stack>
  );
}

function WorkCard({ list }: { list: WorkList }) {
  const translate = useTranslate();
  const { data, total, isPending, error } = useGetList(list.resource, { pagination: { page: 1, perPage: 5 }, sort: list.sort, filter: list.filter });
  const headingId = `work-${list.key}`;
  let body: ReactNode;
  if (isPending) body = <Pending />;
  else if (error) body = <Typography variant="body2">{translate('tsunagu.errors.server')}</Typography>;
  else if (!data?.length) body = <Typography variant="body2">{translate('tsunagu.work.none')}</Typography>;
  else
    body = (
      <MuiList dense aria-labelledby={headingId}>
        {data.map((record) => (
          <ListItem key={record.id} disableGutters>
            <Link href={`#/${list.resource}/${encodeURIComponent(String(record.id))}/show`} underline="always">
              <RowText list={list} record={record} />
            </Link>
          </ListItem>
        ))}
      </MuiList>
    );
  return (
    <Card component="section" aria-labelledby={headingId} data-work={list.key} sx={{ flex: '1 1 320px' }}>
      <CardContent>
        <Typography id={headingId} component="h2" variant="h6">
          {translate(`tsunagu.work.${list.key}`)}
          {typeof total === 'number' ? `（${total}${translate('tsunagu.work.count_suffix')}）` : ''}
        </Typography>
        {body}
        <Link href={listLink(list)} underline="always" variant="body2">
          {translate('tsunagu.work.see_all', { name: translate(`tsunagu.work.${list.key}`) })}
        </Link>
      </CardContent>
    </Card>
  );
}

/** The desk's inbox alone: the dashboard of an agency user (who has no 私の業務 page). */
export function IncomingReferralsCard() {
  const incoming = WORK_LISTS.find((list) => list.key === 'incoming_referrals');
  return incoming ? (
    <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap', mt: 2 }}>
      <WorkCard list={incoming} />
    </Stack>
  ) : null;
}

/** The to-do cards (each only for roles that may read its list): intake's four, then アウトリーチ and 参加支援. */
export function WorkCards() {
  return (
    <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap', mt: 2 }}>
      {WORK_LISTS.map((list) => (
        <CanAccess key={list.key} resource={list.resource} action="list">
          <WorkCard list={list} />
        </CanAccess>
      ))}
      <OutreachWorkCards />
      <ParticipationWorkCard />
    </Stack>
  );
}

/** 私の業務: my cases, overdue follow-ups, requests to answer, referrals awaiting an answer, 通報 decisions pending; overdue visits, inactivity alerts, overdue 定着支援. */
export function WorkPage() {
  useAuthenticated();
  const { isPending } = useRequireAccess({ resource: 'work', action: 'list' });
  const translate = useTranslate();
  if (isPending) return <Pending />;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('tsunagu.work.title')} />
      <Typography component="h1" variant="h5">
        {translate('tsunagu.work.title')}
      </Typography>
      <WorkCards />
    </Box>
  );
}
