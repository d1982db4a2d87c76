import { SimpleForm } from 'react-admin';
import { CodeField } from '../shared/codes';
import { isoDateTime, TsunaguEdit } from '../shared/forms';
import { MeetingInputs, MeetingRecordInputs } from './MeetingInputs';

/** Edit attendees, cases, decisions and minutes while the meeting is 予定 or 開催済 (the legal type stays). */
export function MeetingEdit() {
  return (
    <TsunaguEdit transform={(data: Record<string, unknown>) => ({ ...data, heldAt: isoDateTime(data.heldAt) })}>
      <SimpleForm>
        <CodeField source="legalType" table="meetingLegalType" />
        <MeetingInputs />
        <MeetingRecordInputs />
      </SimpleForm>
    </TsunaguEdit>
  );
}
