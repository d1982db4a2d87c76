import CorporateFareIcon from '@mui/icons-material/CorporateFare';
import type { RaRecord } from 'react-admin';
import { OrganizationCreate } from './OrganizationCreate';
import { OrganizationEdit } from './OrganizationEdit';
import { OrganizationList } from './OrganizationList';
import { OrganizationShow } from './OrganizationShow';

export default {
  list: OrganizationList,
  create: OrganizationCreate,
  edit: OrganizationEdit,
  show: OrganizationShow,
  icon: CorporateFareIcon,
  recordRepresentation: (record: RaRecord) => String(record.name ?? ''),
};
