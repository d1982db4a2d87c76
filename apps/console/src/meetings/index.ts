import GroupsIcon from '@mui/icons-material/Groups';
import type { RaRecord } from 'react-admin';
import { MeetingCreate } from './MeetingCreate';
import { MeetingEdit } from './MeetingEdit';
import { MeetingList } from './MeetingList';
import { MeetingShow } from './MeetingShow';
import { meetingTitle } from './meetingTitle';

export default {
  list: MeetingList,
  create: MeetingCreate,
  edit: MeetingEdit,
  show: MeetingShow,
  icon: GroupsIcon,
  recordRepresentation: (record: RaRecord) => meetingTitle(record),
};
