import AssignmentIcon from '@mui/icons-material/Assignment';
import type { RaRecord } from 'react-admin';
import { PlanCreate } from './PlanCreate';
import { PlanEdit } from './PlanEdit';
import { PlanList } from './PlanList';
import { PlanShow } from './PlanShow';

export default { list: PlanList, create: PlanCreate, edit: PlanEdit, show: PlanShow, icon: AssignmentIcon, recordRepresentation: (record: RaRecord) => `v${String(record.planVersion ?? '')}` };
