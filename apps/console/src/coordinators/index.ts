import Diversity3Icon from '@mui/icons-material/Diversity3';
import type { RaRecord } from 'react-admin';
import { CoordinatorCreate } from './CoordinatorCreate';
import { CoordinatorEdit } from './CoordinatorEdit';
import { CoordinatorList } from './CoordinatorList';
import { CoordinatorShow } from './CoordinatorShow';

export default {
  list: CoordinatorList,
  create: CoordinatorCreate,
  edit: CoordinatorEdit,
  show: CoordinatorShow,
  icon: Diversity3Icon,
  recordRepresentation: (record: RaRecord) => String(record.staffDisplayName ?? ''),
};
