import { required, SimpleForm, useGetIdentity } from 'react-admin';
import { CodeSelectInput } from '../shared/codes';
import { isoDateTime, TsunaguCreate } from '../shared/forms';
import { MeetingInputs } from './MeetingInputs';

/** Schedule a meeting: the legal type (支援会議 / 重層的支援会議 / …) apart from the local name (まるごと会議…). */
export function MeetingCreate() {
  const { identity } = useGetIdentity();
  return (
    <TsunaguCreate transform={(data: Record<string, unknown>) => ({ ...data, heldAt: isoDateTime(data.heldAt) })}>
      <SimpleForm defaultValues={{ legalType: 'jusou-meeting', convenerOrganizationId: identity?.desk, attendees: [], cases: [] }}>
        <CodeSelectInput source="legalType" table="meetingLegalType" validate={required()} helperText="tsunagu.meeting.legal_type_hint" />
        <MeetingInputs />
      </SimpleForm>
    </TsunaguCreate>
  );
}
