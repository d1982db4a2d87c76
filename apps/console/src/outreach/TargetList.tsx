import { Chip, Stack } from '@mui/material';
import { Datagrid, List, ShowButton, TextField, useListContext, useTranslate } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeField, CodeSelectInput, DistrictField, DistrictInput, OrganizationField, OrganizationInput, useCanRead } from '../shared/codes';
import { QInput } from '../shared/SearchInput';
import { StageField } from './StageField';
import { TargetPersonField } from './TargetPersonField';
import { STAGE_ORDER, stageColour } from './stages';

const filters = [
  <QInput key="q" alwaysOn />,
  <CodeSelectInput key="stage" source="stage" table="outreachStage" alwaysOn />,
  <DistrictInput key="districtId" source="districtId" alwaysOn />,
  <CodeSelectInput key="riskLevel" source="riskLevel" table="riskLevel" />,
  <OrganizationInput key="assignedOrganizationId" source="assignedOrganizationId" />,
];

/** One chip per stage: a pressed chip filters the list to that stage (keyboard: Tab, Enter). */
function StageChips() {
  const translate = useTranslate();
  const { filterValues, setFilters, displayedFilters } = useListContext();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', px: 2, pt: 1 }} role="group" aria-label={translate('tsunagu.outreach.stage_chips')}>
      {STAGE_ORDER.map((stage) => {
        const pressed = filterValues.stage === stage;
        return (
          <Chip
            key={stage}
            size="small"
            clickable
            color={pressed ? stageColour(stage) : 'default'}
            variant={pressed ? 'filled' : 'outlined'}
            aria-pressed={pressed}
            label={translate(`tsunagu.codes.outreachStage.${stage}`)}
            onClick={() => setFilters({ ...filterValues, stage: pressed ? undefined : stage }, displayedFilters)}
          />
        );
      })}
    </Stack>
  );
}

/** アウトリーチ対象: filter by stage (chips or select), district, risk and organisation. No CSV export: places and concerns stay in the service. */
export function TargetList() {
  const canReadPersons = useCanRead('persons');
  return (
    <List filters={filters} sort={{ field: 'discoveredOn', order: 'DESC' }} exporter={false}>
      <StageChips />
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField source="discoveredOn" />
        <TargetPersonField label={canReadPersons ? 'tsunagu.person_ref.label' : 'resources.outreach-targets.fields.identity'} sortable={false} />
        <TextField source="locationDescription" sortable={false} sx={{ display: 'inline-block', maxWidth: 360 }} />
        <CodeField source="riskLevel" table="riskLevel" />
        <StageField source="stage" />
        <DistrictField source="districtId" sortable={false} />
        <OrganizationField source="assignedOrganizationId" sortable={false} />
        <DateField source="lastContactAt" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
