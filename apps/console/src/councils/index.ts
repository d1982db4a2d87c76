import GroupsIcon from '@mui/icons-material/Groups';
import type { RaRecord } from 'react-admin';
import { CouncilCreate } from './CouncilCreate';
import { CouncilEdit } from './CouncilEdit';
import { CouncilList } from './CouncilList';
import { CouncilShow } from './CouncilShow';

export default {
  list: CouncilList,
  create: CouncilCreate,
  edit: CouncilEdit,
  show: CouncilShow,
  icon: GroupsIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? ''),
};
