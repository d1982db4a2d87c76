import { Datagrid, List, ShowButton } from 'react-admin';
import { WordsField } from './SlotsField';
import { DateField } from '../dates/DateField';
import { CodeArrayField, CodeSelectInput, DistrictField, DistrictInput, StatusField } from '../shared/codes';

const filters = [<CodeSelectInput key="status" source="status" table="needStatus" alwaysOn />, <DistrictInput key="homeDistrictId" source="homeDistrictId" alwaysOn />];

/** 参加ニーズ: what each person wants to take part in (intake person ids only). */
export function NeedList() {
  return (
    <List filters={filters} sort={{ field: 'registeredOn', order: 'DESC' }} exporter={false}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField source="registeredOn" />
        <CodeArrayField source="purposes" table="participationPurpose" sortable={false} />
        <WordsField source="interests" sortable={false} />
        <DistrictField source="homeDistrictId" sortable={false} />
        <StatusField source="status" table="needStatus" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
