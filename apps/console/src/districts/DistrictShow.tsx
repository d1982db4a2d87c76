import { Box, Link, Typography } from '@mui/material';
import { BooleanField, Datagrid, NumberField, Pagination, ReferenceManyField, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, StatusField } from '../shared/codes';

/** `#/community-resources?filter={"district":…}`: the resource list with this district's filter set. */
export function districtResourcesLink(districtId: string): string {
  return `#/community-resources?filter=${encodeURIComponent(JSON.stringify({ district: districtId }))}`;
}

/** 地域資源 serving this district (the registry's `?district=` filter), each linking to its page. */
function DistrictResources() {
  const translate = useTranslate();
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Box component="section" aria-labelledby="district-resources" data-testid="district-resources" sx={{ px: 2, pb: 2 }}>
      <Typography id="district-resources" component="h2" variant="h6">
        {translate('tsunagu.district_resources.title')}
      </Typography>
      <ReferenceManyField reference="community-resources" target="district" sort={{ field: 'kana', order: 'ASC' }} perPage={25} pagination={<Pagination rowsPerPageOptions={[25]} />}>
        <Datagrid
          rowClick="show"
          bulkActionButtons={false}
          empty={<Typography variant="body2">{translate('tsunagu.district_resources.none')}</Typography>}
        >
          <TextField source="name" />
          <CodeField source="category" table="resourceCategory" />
          <StatusField source="status" table="resourceStatus" />
          <DateField source="lastVerifiedOn" />
        </Datagrid>
      </ReferenceManyField>
      <Link href={districtResourcesLink(String(record.id))} underline="always" variant="body2">
        {translate('tsunagu.district_resources.see_all')}
      </Link>
    </Box>
  );
}

export function DistrictShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="shortName" />
        <TextField source="officialName" />
        <TextField source="kana" />
        <NumberField source="sortOrder" />
        <CodeField source="areaGroup" table="areaGroup" />
        <BooleanField source="isIsland" />
      </SimpleShowLayout>
      <DistrictResources />
    </Show>
  );
}
