import { Datagrid, List, ShowButton, TextField } from 'react-admin';
import { DateField } from '../dates/DateField';
import { CodeArrayField, CodeSelectInput, DistrictsField, StatusField } from '../shared/codes';
import { QInput } from '../shared/SearchInput';
import { csvExporter } from '../shared/csvExporter';

const filters = [
  <QInput key="q" alwaysOn />,
  <CodeSelectInput key="agreementStatus" source="agreementStatus" table="hostAgreementStatus" alwaysOn />,
  <CodeSelectInput key="accepts" source="accepts" table="participationPurpose" alwaysOn />,
];

/** 受入先・協力事業者. */
export function HostList() {
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: 'name', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <CodeArrayField source="hostTypes" table="hostType" sortable={false} />
        <CodeArrayField source="accepts" table="participationPurpose" sortable={false} />
        <DistrictsField source="districtIds" sortable={false} />
        <StatusField source="agreementStatus" table="hostAgreementStatus" sortable={false} />
        <DateField source="registeredOn" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
