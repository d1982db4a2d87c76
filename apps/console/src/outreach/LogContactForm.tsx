import { useState } from 'react';
import { ArrayInput, CreateBase, required, SimpleForm, SimpleFormIterator, TextInput, useCanAccess, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { DateTimeInput } from '../dates/DateTimeInput';
import { DateInput } from '../dates/DateInput';
import { CodeSelectArrayInput, CodeSelectInput } from '../shared/codes';
import { isoDateTime } from '../shared/forms';

/** 「訪問を記録する」: a contact (method, result, what was seen, who came along, the next action and its date). */
export function LogContactForm() {
  const target = useRecordContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const [round, setRound] = useState(0);
  const { canAccess } = useCanAccess({ resource: 'outreach-contacts', action: 'create' });
  if (!target || !canAccess || target.stage === 'closed') return null;
  return (
    <CreateBase
      key={round}
      resource="outreach-contacts"
      redirect={false}
      record={{ targetId: target.id, method: 'visit' }}
      transform={(data: Record<string, unknown>) => ({ ...data, targetId: target.id, contactedAt: isoDateTime(data.contactedAt) })}
      mutationOptions={{
        onSuccess: () => {
          notify('tsunagu.outreach.logged', { type: 'success' });
          setRound((value) => value + 1);
          refresh();
        },
      }}
    >
      <SimpleForm>
        <DateTimeInput source="contactedAt" helperText="tsunagu.outreach.contacted_at_hint" />
        <CodeSelectInput source="method" table="contactMethod" validate={required()} />
        <CodeSelectInput source="result" table="contactResult" validate={required()} />
        <CodeSelectArrayInput source="observations" table="observation" />
        <TextInput source="observationNote" multiline minRows={2} fullWidth />
        <ArrayInput source="accompaniedBy">
          <SimpleFormIterator inline disableReordering>
            <CodeSelectInput source="kind" table="watcherKind" validate={required()} />
            <TextInput source="name" />
          </SimpleFormIterator>
        </ArrayInput>
        <TextInput source="nextAction" fullWidth />
        <DateInput source="nextDueOn" />
        <CodeSelectInput source="legalBasis" table="legalBasis" validate={required()} />
      </SimpleForm>
    </CreateBase>
  );
}
