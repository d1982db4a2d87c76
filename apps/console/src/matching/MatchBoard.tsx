import { Box, Card, CardContent, Link, Paper, Stack, Typography } from '@mui/material';
import { BooleanInput, FilterForm, ListBase, Loading, RecordContextProvider, ReferenceField, Title, useListContext, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { OrganizationInput } from '../shared/codes';
import { PersonNameField } from '../shared/PersonNameField';
import { boardColumns } from './board';

const filters = [<OrganizationInput key="hostOrganizationId" source="hostOrganizationId" alwaysOn />, <BooleanInput key="followUpOverdue" source="followUpOverdue" alwaysOn />];

function Board() {
  const translate = useTranslate();
  const { data, isPending, error } = useListContext();
  if (isPending) return <Loading />;
  if (error) return <Typography variant="body2">{translate('tsunagu.errors.server')}</Typography>;
  return (
    <Stack direction="row" spacing={1} sx={{ overflowX: 'auto', alignItems: 'flex-start', pb: 1 }}>
      {boardColumns(data ?? []).map((column) => (
        <Paper
          key={column.key}
          component="section"
          aria-labelledby={`board-${column.key}`}
          variant="outlined"
          sx={{ flex: '1 0 180px', p: 1, minHeight: 120 }}
          data-column={column.key}
        >
          <Typography id={`board-${column.key}`} component="h2" variant="subtitle1" sx={{ fontWeight: 'bold' }}>
            {translate(`tsunagu.matching.columns.${column.key}`)}（{column.items.length}）
          </Typography>
          <Stack spacing={1} component="ul" sx={{ p: 0, m: 0, listStyle: 'none' }}>
            {column.items.map((match) => (
              <Card key={match.id} component="li" variant="outlined">
                <CardContent sx={{ p: 1, '&:last-child': { pb: 1 } }}>
                  <RecordContextProvider value={match}>
                    <Link href={`#/participation-matches/${encodeURIComponent(String(match.id))}/show`} underline="always">
                      <ReferenceField source="opportunityId" reference="participation-opportunities" link={false} />
                    </Link>
                    <Typography variant="body2" component="div" data-testid="match-person">
                      <PersonNameField source="personId" />
                    </Typography>
                    <Typography variant="body2" component="div">
                      {translate(`tsunagu.codes.matchStatus.${String(match.status)}`, { _: String(match.status) })}・<DateField source="proposedOn" />
                    </Typography>
                    {match.nextFollowUpDue ? (
                      <Typography variant="caption" component="div">
                        {translate('resources.participation-matches.fields.nextFollowUpDue')}: <DateField source="nextFollowUpDue" />
                      </Typography>
                    ) : null}
                  </RecordContextProvider>
                </CardContent>
              </Card>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** マッチングボード: one column per status (提案 / 見学 / 体験 / 参加開始 / 定着 / 中断・終了). */
export function MatchBoard() {
  const translate = useTranslate();
  return (
    <ListBase perPage={100} sort={{ field: 'proposedOn', order: 'DESC' }}>
      <Title title={translate('tsunagu.matching.board')} />
      <Box sx={{ mt: 2 }}>
        <Typography component="h1" variant="h5">
          {translate('tsunagu.matching.board')}
        </Typography>
        <FilterForm filters={filters} />
        <Board />
      </Box>
    </ListBase>
  );
}
