import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism';
import type { RaRecord } from 'react-admin';
import { CommunityResourceCreate } from './CommunityResourceCreate';
import { CommunityResourceEdit } from './CommunityResourceEdit';
import { CommunityResourceList } from './CommunityResourceList';
import { CommunityResourceShow } from './CommunityResourceShow';

export default {
  list: CommunityResourceList,
  create: CommunityResourceCreate,
  edit: CommunityResourceEdit,
  show: CommunityResourceShow,
  icon: VolunteerActivismIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? ''),
};
