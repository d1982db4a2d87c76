import FamilyRestroomIcon from '@mui/icons-material/FamilyRestroom';
import type { RaRecord } from 'react-admin';
import { HouseholdList } from './HouseholdList';
import { HouseholdShow } from './HouseholdShow';

export default {
  list: HouseholdList,
  show: HouseholdShow,
  icon: FamilyRestroomIcon,
  recordRepresentation: (record: RaRecord) => String(record.label ?? ''),
};
