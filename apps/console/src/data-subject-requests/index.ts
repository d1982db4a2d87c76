import PrivacyTipIcon from '@mui/icons-material/PrivacyTip';
import { DataSubjectRequestCreate } from './DataSubjectRequestCreate';
import { DataSubjectRequestList } from './DataSubjectRequestList';
import { DataSubjectRequestShow } from './DataSubjectRequestShow';

/** 開示・訂正・利用停止請求 (intake): the city's supervisors and admins. */
export default {
  list: DataSubjectRequestList,
  create: DataSubjectRequestCreate,
  show: DataSubjectRequestShow,
  icon: PrivacyTipIcon,
  recordRepresentation: (record: { requestNo?: string }) => record.requestNo ?? '',
};
