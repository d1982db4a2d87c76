import { Box, Divider, Link, List as MuiList, ListItem, Stack, Typography } from '@mui/material';
import { Labeled, RecordContextProvider, ReferenceField, Show, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { Panel } from '../outreach/TargetShow';
import { CodeArrayField, CodeField, DistrictField, DistrictsField, StatusField } from '../shared/codes';
import { NeedStatusActions } from './NeedStatusActions';
import { SlotsField, WordsField } from './SlotsField';
import { SuggestionList } from './Suggestions';

function NeedDetails() {
  const record = useRecordContext();
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Labeled source="status">
        <StatusField source="status" table="needStatus" />
      </Labeled>
      <Labeled source="registeredOn">
        <DateField source="registeredOn" />
      </Labeled>
      <Labeled source="purposes">
        <CodeArrayField source="purposes" table="participationPurpose" />
      </Labeled>
      <Labeled source="interests">
        <WordsField source="interests" />
      </Labeled>
      <Labeled source="homeDistrictId">
        <DistrictField source="homeDistrictId" />
      </Labeled>
      <Labeled source="preferredDistrictIds">
        <DistrictsField source="preferredDistrictIds" />
      </Labeled>
      {record?.addressMasked ? (
        <Typography variant="body2" role="note">
          {translate('tsunagu.matching.address_masked')}
        </Typography>
      ) : null}
      <Labeled source="travelRange">
        <CodeField source="travelRange" table="travelRange" />
      </Labeled>
      <Labeled source="travelMeans">
        <CodeArrayField source="travelMeans" table="travelMeans" />
      </Labeled>
      <Labeled source="maxPhysicalLoad">
        <CodeField source="maxPhysicalLoad" table="physicalLoad" />
      </Labeled>
      <Labeled source="accommodations">
        <CodeArrayField source="accommodations" table="accommodation" />
      </Labeled>
      <Labeled source="availability">
        <SlotsField source="availability" />
      </Labeled>
    </Stack>
  );
}

/** The need's matches, newest first, each linking to its page. */
function NeedMatches() {
  const need = useRecordContext();
  const translate = useTranslate();
  const { data } = useGetList(
    'participation-matches',
    { filter: { needId: need?.id }, pagination: { page: 1, perPage: 100 }, sort: { field: 'proposedOn', order: 'DESC' } },
    { enabled: Boolean(need?.id) },
  );
  if (!data?.length) return <Typography variant="body2">{translate('tsunagu.work.none')}</Typography>;
  return (
    <MuiList dense aria-label={translate('tsunagu.matching.matches_of_need')}>
      {data.map((match) => (
        <ListItem key={match.id} disableGutters>
          <RecordContextProvider value={match}>
            <Link href={`#/participation-matches/${encodeURIComponent(String(match.id))}/show`} underline="always">
              <ReferenceField source="opportunityId" reference="participation-opportunities" link={false} />
            </Link>
            <Box component="span" sx={{ ml: 1 }}>
              <StatusField source="status" table="matchStatus" />
            </Box>
          </RecordContextProvider>
        </ListItem>
      ))}
    </MuiList>
  );
}

/** A need's page: what was heard, the ranked suggestions with reasons, and its matches. */
export function NeedShow() {
  const translate = useTranslate();
  return (
    <Show>
      <Box sx={{ p: 2 }}>
        <NeedDetails />
        <Divider sx={{ my: 2 }} />
        <NeedStatusActions />
        <Panel title={translate('tsunagu.matching.suggestions')} id="matching-suggestions">
          <SuggestionList />
        </Panel>
        <Panel title={translate('tsunagu.matching.matches_of_need')} id="matching-need-matches">
          <NeedMatches />
        </Panel>
      </Box>
    </Show>
  );
}
