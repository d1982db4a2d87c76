import MapIcon from '@mui/icons-material/Map';
import type { RaRecord } from 'react-admin';
import { DistrictCreate } from './DistrictCreate';
import { DistrictEdit } from './DistrictEdit';
import { DistrictList } from './DistrictList';
import { DistrictShow } from './DistrictShow';

export default {
  list: DistrictList,
  create: DistrictCreate,
  edit: DistrictEdit,
  show: DistrictShow,
  icon: MapIcon,
  recordRepresentation: (record: RaRecord) => String(record.shortName ?? ''),
};
