import { Datagrid, List, ReferenceField, SelectInput, ShowButton, TextField } from 'react-admin';
import { CodeField, StatusField } from '../shared/codes';
import { codeChoices } from '../i18n/codes';
import { csvExporter } from '../shared/csvExporter';

const filters = [<SelectInput key="status" source="status" choices={codeChoices('mandatoryReportStatus')} alwaysOn />];

/** 通報: records opened by abuse tags; the decision-pending ones are the to-do list. */
export function MandatoryReportList() {
  return (
    <List exporter={csvExporter} filters={filters} filterDefaultValues={{ status: 'decision-pending' }} sort={{ field: 'createdAt', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <ReferenceField source="consultationId" reference="consultations" link="show" sortable={false} />
        <ReferenceField source="personId" reference="persons" link={false} sortable={false} />
        <TextField source="lawLabel" sortable={false} />
        <CodeField source="issueTag" table="issueTag" sortable={false} />
        <StatusField source="status" table="mandatoryReportStatus" />
        <ShowButton />
      </Datagrid>
    </List>
  );
}
