import FamilyRestroomIcon from '@mui/icons-material/FamilyRestroom';
import type { RaRecord } from 'react-admin';
import { HouseholdCreate } from './HouseholdCreate';
import { HouseholdEdit } from './HouseholdEdit';
import { HouseholdList } from './HouseholdList';
import { HouseholdShow } from './HouseholdShow';

export default {
  list: HouseholdList,
  create: HouseholdCreate,
  edit: HouseholdEdit,
  show: HouseholdShow,
  icon: FamilyRestroomIcon,
  recordRepresentation: (record: RaRecord) => String(record.label ?? ''),
};
