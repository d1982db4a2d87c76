import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import { ReferralCreate } from './ReferralCreate';
import { ReferralList } from './ReferralList';
import { ReferralShow } from './ReferralShow';

export default {
  list: ReferralList,
  create: ReferralCreate,
  show: ReferralShow,
  icon: ForwardToInboxIcon,
};
