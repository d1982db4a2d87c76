import GroupsIcon from '@mui/icons-material/Groups';
import type { RaRecord } from 'react-admin';
import { MeetingCreate } from './MeetingCreate';
import { MeetingEdit } from './MeetingEdit';
import { MeetingList } from './MeetingList';
import { MeetingShow } from './MeetingShow';

export default {
  list: MeetingList,
  create: MeetingCreate,
  edit: MeetingEdit,
  show: MeetingShow,
  icon: GroupsIcon,
  recordRepresentation: (record: RaRecord) => `${String(record.localName ?? record.legalTypeLabel ?? '')} ${String(record.heldAt ?? '').slice(0, 10)}`.trim(),
};
