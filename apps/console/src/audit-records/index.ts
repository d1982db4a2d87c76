import PolicyIcon from '@mui/icons-material/Policy';
import { AuditRecordList } from './AuditRecordList';

export default {
  list: AuditRecordList,
  icon: PolicyIcon,
};
