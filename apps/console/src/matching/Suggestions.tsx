import { Alert, Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Loading, RecordContextProvider, useCanAccess, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { RefusalAlert, useApiJson, useCommand } from '../outreach/command';
import { DistrictField } from '../shared/codes';
import { orderedReasons, reasonsAddUp, reasonText, type Reason } from './board';

interface Suggestion {
  opportunityId: string;
  title: string;
  organizationId: string | null;
  districtId: string | null;
  purposes: string[];
  score: number;
  reasons: Reason[];
}

interface Suggestions {
  items: Suggestion[];
  considered: number;
  passed: number;
  rejections: Record<string, number>;
  gapId: string | null;
}

/** Ranked opportunities for a need, with one reason per factor, and 「提案する」. */
export function SuggestionList() {
  const need = useRecordContext();
  const translate = useTranslate();
  const [round, setRound] = useState(0);
  const { data, failed } = useApiJson<Suggestions>(`matching/needs/${encodeURIComponent(String(need?.id ?? ''))}/suggestions?limit=10`, round, Boolean(need?.id));
  const { data: matches } = useGetList(
    'participation-matches',
    { filter: { needId: need?.id }, pagination: { page: 1, perPage: 100 }, sort: { field: 'proposedOn', order: 'DESC' } },
    { enabled: Boolean(need?.id) },
  );
  const { canAccess } = useCanAccess({ resource: 'participation-matches', action: 'create' });
  const { run, busy, refusal, clear } = useCommand('tsunagu.matching.consent_required');
  if (!need) return null;
  if (failed) return <Typography variant="body2">{translate('tsunagu.errors.server')}</Typography>;
  if (!data) return <Loading />;
  const proposed = new Set((matches ?? []).map((match) => String(match.opportunityId)));
  const canPropose = canAccess && (need.status === 'matching' || need.status === 'participating');
  const rejections = Object.entries(data.rejections).filter(([, count]) => count > 0);
  return (
    <Box>
      <Typography variant="body2">{translate('tsunagu.matching.considered', { considered: data.considered, passed: data.passed })}</Typography>
      {rejections.length ? (
        <Typography variant="body2">
          {translate('tsunagu.matching.rejections')}: {rejections.map(([code, count]) => `${translate(`tsunagu.codes.gapConstraint.${code}`, { _: code })} ${count}`).join('、')}
        </Typography>
      ) : null}
      {data.gapId ? <Alert severity="warning">{translate('tsunagu.matching.gap_recorded')}</Alert> : null}
      {!canPropose && need.status !== 'participating' && need.status !== 'matching' ? <Alert severity="info">{translate('tsunagu.matching.propose_needs_status')}</Alert> : null}
      <RefusalAlert refusal={refusal} onClose={clear} />
      <Stack spacing={1} sx={{ mt: 1 }} component="ol" aria-label={translate('tsunagu.matching.suggestions')} style={{ paddingLeft: 0, listStyle: 'none' }}>
        {data.items.map((suggestion, index) => (
          <Card key={suggestion.opportunityId} variant="outlined" component="li" data-testid="suggestion">
            <CardContent>
              <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 'bold' }}>
                  {index + 1}. {suggestion.title}
                </Typography>
                <Chip size="small" color="primary" label={translate('tsunagu.matching.score', { score: suggestion.score })} />
                <RecordContextProvider value={{ id: suggestion.opportunityId, districtId: suggestion.districtId }}>
                  <DistrictField source="districtId" />
                </RecordContextProvider>
                <Box sx={{ flexGrow: 1 }} />
                {proposed.has(suggestion.opportunityId) ? (
                  <Chip size="small" variant="outlined" label={translate('tsunagu.matching.already_proposed')} />
                ) : canPropose ? (
                  <Button
                    size="small"
                    variant="contained"
                    disabled={busy}
                    aria-label={`${translate('tsunagu.matching.propose')}: ${suggestion.title}`}
                    onClick={() =>
                      void run(
                        (dataProvider) => dataProvider.create('participation-matches', { data: { needId: need.id, opportunityId: suggestion.opportunityId } }),
                        'tsunagu.matching.proposed',
                      ).then((ok) => ok && setRound((value) => value + 1))
                    }
                  >
                    {translate('tsunagu.matching.propose')}
                  </Button>
                ) : null}
              </Stack>
              <Typography variant="body2" component="div" sx={{ mt: 0.5 }}>
                {translate('tsunagu.matching.reasons')}:
              </Typography>
              <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }} component="ul" style={{ paddingLeft: 0, listStyle: 'none', margin: 0 }}>
                {orderedReasons(suggestion.reasons).map((reason) => (
                  <Chip
                    key={reason.factor}
                    component="li"
                    size="small"
                    variant={reason.points > 0 ? 'filled' : 'outlined'}
                    label={reasonText(reason)}
                    title={translate(`tsunagu.codes.scoreFactor.${reason.factor}`, { _: reason.factor })}
                  />
                ))}
              </Stack>
              {!reasonsAddUp(suggestion.score, suggestion.reasons) ? <Typography variant="caption">{translate('tsunagu.matching.reasons_do_not_add_up')}</Typography> : null}
            </CardContent>
          </Card>
        ))}
      </Stack>
      {!data.items.length ? <Typography variant="body2">{translate('tsunagu.matching.no_suggestions')}</Typography> : null}
    </Box>
  );
}
