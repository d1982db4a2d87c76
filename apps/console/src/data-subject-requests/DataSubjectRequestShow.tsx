import {
  ArrayField,
  Datagrid,
  ListButton,
  ReferenceField,
  required,
  SelectArrayInput,
  SelectField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  useRecordContext,
  type RaRecord,
} from 'react-admin';
import { DateField } from '../dates/DateField';
import { PrintPdfButton } from '../shared/PrintPdfButton';
import { ActionBar, RecordActionButton } from '../shared/RecordActionButtons';
import { ARTICLE_78_CHOICES, DECISION_CHOICES, HISTORY_ACTION_CHOICES, IDENTITY_CHOICES, KIND_CHOICES, REQUESTER_CHOICES, STATUS_CHOICES } from './choices';
import { StaffField } from '../shared/StaffField';

const packReady = (record: RaRecord) => record.kind === 'disclosure' && (record.status === 'decided' || record.status === 'completed');

function ShowActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center' }}>
      <ActionBar>
        <RecordActionButton
          action="decide"
          label="tsunagu.dsr.decide"
          done="tsunagu.dsr.decided"
          primary
          when={(record) => record.status === 'received'}
          defaultValues={{ decision: 'granted' }}
          inputs={
            <>
              <SelectInput source="decision" choices={DECISION_CHOICES} translateChoice={false} label="resources.data-subject-requests.fields.decision" validate={required()} />
              <TextInput source="reason" label="resources.data-subject-requests.fields.decisionReason" multiline fullWidth />
              <SelectArrayInput source="article78Grounds" choices={ARTICLE_78_CHOICES} translateChoice={false} label="resources.data-subject-requests.fields.article78Grounds" />
            </>
          }
        />
        <RecordActionButton
          action="extend"
          label="tsunagu.dsr.extend"
          done="tsunagu.dsr.extended"
          when={(record) => record.status === 'received' && !record.extendedDueOn}
          inputs={<TextInput source="reason" label="resources.data-subject-requests.fields.extensionReason" multiline fullWidth validate={required()} />}
        />
        <RecordActionButton action="complete" label="tsunagu.dsr.complete" done="tsunagu.dsr.completed" primary when={(record) => record.status === 'decided'} />
        <RecordActionButton
          action="lift"
          label="tsunagu.dsr.lift"
          done="tsunagu.dsr.lifted"
          danger
          when={(record) => record.kind === 'suspension' && record.status === 'completed' && !record.liftedAt}
        />
      </ActionBar>
      <PackButtons />
      <ListButton />
    </TopToolbar>
  );
}

/** The 開示 pack (PDF, JSON) once disclosure is decided: named after the request number by the service. */
function PackButtons() {
  const record = useRecordContext();
  if (!record || !packReady(record)) return null;
  return (
    <>
      <PrintPdfButton path={`intake/data-subject-requests/${record.id}/pack.pdf`} label="tsunagu.dsr.pack_pdf" fileName="pack.pdf" />
      <PrintPdfButton path={`intake/data-subject-requests/${record.id}/pack.json`} label="tsunagu.dsr.pack_json" fileName="pack.json" />
    </>
  );
}

/** A request: its dates, decision and history (a correction's before and after are in the history). */
export function DataSubjectRequestShow() {
  return (
    <Show actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="requestNo" />
        <SelectField source="kind" choices={KIND_CHOICES} translateChoice={false} />
        <ReferenceField source="personId" reference="persons" link="show" />
        <DateField source="requestedAt" showTime />
        <SelectField source="requesterRelation" choices={REQUESTER_CHOICES} translateChoice={false} />
        <SelectField source="identityVerification" choices={IDENTITY_CHOICES} translateChoice={false} />
        <TextField source="requestText" />
        <DateField source="dueOn" />
        <DateField source="extendedDueOn" />
        <TextField source="extensionReason" />
        <SelectField source="status" choices={STATUS_CHOICES} translateChoice={false} />
        <SelectField source="decision" choices={DECISION_CHOICES} translateChoice={false} />
        <TextField source="decisionReason" />
        <DateField source="decidedAt" showTime />
        <StaffField source="decidedBy" />
        <DateField source="completedAt" showTime />
        <DateField source="liftedAt" showTime />
        <ArrayField source="history">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <DateField source="at" showTime label="resources.data-subject-requests.fields.history.at" />
            <SelectField source="action" choices={HISTORY_ACTION_CHOICES} translateChoice={false} label="resources.data-subject-requests.fields.history.action" />
            <StaffField source="by" label="resources.data-subject-requests.fields.history.by" />
          </Datagrid>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
}
