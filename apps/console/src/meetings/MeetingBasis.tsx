import { Alert } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/**
 * What the meeting's legal type means for sharing: a 106条の6 支援会議 shares without consent under a
 * statutory duty of confidentiality (every attendee acknowledges it before the meeting is held); a
 * 重層的支援会議 shares only what the person consented to.
 */
export function MeetingBasis() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  const type = String(record.legalType);
  if (type !== 'support-meeting-106-6' && type !== 'jusou-meeting') return null;
  return (
    <Alert severity={type === 'support-meeting-106-6' ? 'warning' : 'info'} sx={{ my: 1 }}>
      {translate(`tsunagu.meeting.basis.${type}`)}
    </Alert>
  );
}
