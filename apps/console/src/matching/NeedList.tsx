import { Datagrid, List, ShowButton } from 'react-admin';
import { WordsField } from './SlotsField';
import { DateField } from '../dates/DateField';
import { CodeArrayField, CodeSelectInput, DistrictField, DistrictInput, StatusField, useCanRead } from '../shared/codes';
import { PersonNameField } from '../shared/PersonNameField';

const filters = [<CodeSelectInput key="status" source="status" table="needStatus" alwaysOn />, <DistrictInput key="homeDistrictId" source="homeDistrictId" alwaysOn />];

/** 参加ニーズ: what each person wants to take part in; the person by name for roles that may read persons (one `?ids=` request a page). */
export function NeedList() {
  const canReadPersons = useCanRead('persons');
  return (
    <List filters={filters} sort={{ field: 'registeredOn', order: 'DESC' }} exporter={false}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField source="registeredOn" />
        {canReadPersons ? <PersonNameField source="personId" label="tsunagu.person_ref.label" sortable={false} /> : null}
        <CodeArrayField source="purposes" table="participationPurpose" sortable={false} />
        <WordsField source="interests" sortable={false} />
        <DistrictField source="homeDistrictId" sortable={false} />
        <StatusField source="status" table="needStatus" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
