import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import type { RaRecord } from 'react-admin';
import { ConsultationCreate } from './ConsultationCreate';
import { ConsultationList } from './ConsultationList';
import { ConsultationShow } from './ConsultationShow';

export default {
  list: ConsultationList,
  create: ConsultationCreate,
  show: ConsultationShow,
  icon: SupportAgentIcon,
  recordRepresentation: (record: RaRecord) => String(record.receptionNo ?? ''),
};
