import { Chip, Link, List as MuiList, ListItem, Typography } from '@mui/material';
import { useGetMany, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import { careRelations, personIdsOf, sentenceKey, sentenceMarkers, sentenceParts, type HouseholdMember } from './relations';

const nameOf = (person: RaRecord | undefined, id: string) => (person ? `${String(person.familyName ?? '')} ${String(person.givenName ?? '')}`.trim() : id);

/** 「誰が誰をケアしているか」: the household's care edges as sentences, each name linking to the person's page. */
export function CareRelations() {
  const record = useRecordContext();
  const translate = useTranslate();
  const members = record?.members as HouseholdMember[] | undefined;
  const { data: people } = useGetMany('persons', { ids: personIdsOf(members) }, { enabled: Boolean(members?.length) });
  const relations = careRelations(members);
  const byId = new Map((people ?? []).map((person) => [String(person.id), person]));
  const personLink = (id: string) => (
    <Link href={`#/persons/${encodeURIComponent(id)}/show`} underline="always">
      {nameOf(byId.get(id), id)}
    </Link>
  );
  return (
    <section aria-labelledby="care-relations-heading">
      <Typography id="care-relations-heading" component="h2" variant="h6" gutterBottom>
        {translate('tsunagu.household.relations')}
      </Typography>
      {relations.length === 0 ? (
        <Typography variant="body2">{translate('tsunagu.household.no_relations')}</Typography>
      ) : (
        <MuiList dense aria-label={translate('tsunagu.household.relations')}>
          {relations.map((relation) => (
            <ListItem key={`${relation.fromPersonId}:${relation.toPersonId}:${relation.kind}`} data-relation={relation.kind} sx={{ gap: 1, flexWrap: 'wrap' }}>
              {sentenceParts(translate(sentenceKey(relation.kind), { ...sentenceMarkers, _: `%{from} → %{to} (${relation.kind})` })).map((part, index) =>
                'text' in part ? <span key={index}>{part.text.trim()}</span> : <span key={index}>{personLink(part.person === 'from' ? relation.fromPersonId : relation.toPersonId)}</span>,
              )}
              {relation.youngCarer && <Chip size="small" color="warning" label={translate('tsunagu.household.young_carer')} />}
            </ListItem>
          ))}
        </MuiList>
      )}
    </section>
  );
}
