import { Chip, List as MuiList, ListItem, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  CreateBase,
  Loading,
  RecordContextProvider,
  required,
  SimpleForm,
  TextInput,
  useCanAccess,
  useGetList,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { DateField } from '../dates/DateField';
import { DateInput } from '../dates/DateInput';
import { CodeSelectInput } from '../shared/codes';

const OPEN = ['visit', 'trial', 'participating', 'settled'];

/** Records a follow-up (side, method, 課題, 調整内容, next due date) on an open match. */
function RecordFollowUp() {
  const match = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [round, setRound] = useState(0);
  const { canAccess } = useCanAccess({ resource: 'participation-follow-ups', action: 'create' });
  if (!match || !canAccess || !OPEN.includes(String(match.status))) return null;
  return (
    <>
      <Typography component="h3" variant="subtitle1" sx={{ mt: 2 }}>
        {translate('tsunagu.matching.record_follow_up')}
      </Typography>
      <CreateBase
        key={round}
        resource="participation-follow-ups"
        redirect={false}
        record={{ matchId: match.id, side: 'person', method: 'visit' }}
        transform={(data: Record<string, unknown>) => ({ ...data, matchId: match.id })}
        mutationOptions={{
          onSuccess: () => {
            notify('tsunagu.matching.follow_up_recorded', { type: 'success' });
            setRound((value) => value + 1);
            refresh();
          },
        }}
      >
        <SimpleForm>
          <CodeSelectInput source="side" table="followUpSide" validate={required()} />
          <CodeSelectInput source="method" table="followUpMethod" validate={required()} />
          <DateInput source="heldOn" />
          <TextInput source="issues" multiline fullWidth />
          <TextInput source="adjustments" multiline fullWidth />
          <DateInput source="nextDueOn" />
        </SimpleForm>
      </CreateBase>
    </>
  );
}

/** 定着支援・受入先支援: the follow-ups of a match, newest first, and the form for the next one. */
export function FollowUps() {
  const match = useRecordContext();
  const translate = useTranslate();
  const { data, isPending } = useGetList(
    'participation-follow-ups',
    { filter: { matchId: match?.id }, sort: { field: 'heldOn', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: Boolean(match?.id) },
  );
  const code = (table: string, value: unknown) => translate(`tsunagu.codes.${table}.${String(value)}`, { _: String(value) });
  return (
    <>
      {isPending ? (
        <Loading />
      ) : !data?.length ? (
        <Typography variant="body2">{translate('tsunagu.matching.no_follow_ups')}</Typography>
      ) : (
        <MuiList dense aria-label={translate('tsunagu.matching.follow_ups')}>
          {data.map((followUp) => (
            <ListItem key={followUp.id} disableGutters divider sx={{ display: 'block' }}>
              <RecordContextProvider value={followUp}>
                <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
                  <DateField source="heldOn" />
                  <Chip size="small" label={code('followUpSide', followUp.side)} />
                  <Chip size="small" variant="outlined" label={code('followUpMethod', followUp.method)} />
                  {followUp.nextDueOn ? (
                    <Typography variant="body2" component="span">
                      {translate('resources.participation-follow-ups.fields.nextDueOn')}: <DateField source="nextDueOn" />
                    </Typography>
                  ) : null}
                </Stack>
                {followUp.issues ? (
                  <Typography variant="body2">
                    {translate('resources.participation-follow-ups.fields.issues')}: {String(followUp.issues)}
                  </Typography>
                ) : null}
                {followUp.adjustments ? (
                  <Typography variant="body2">
                    {translate('resources.participation-follow-ups.fields.adjustments')}: {String(followUp.adjustments)}
                  </Typography>
                ) : null}
              </RecordContextProvider>
            </ListItem>
          ))}
        </MuiList>
      )}
      <RecordFollowUp />
    </>
  );
}
