import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { ConsentCreate } from './ConsentCreate';
import { ConsentList } from './ConsentList';
import { ConsentShow } from './ConsentShow';

export default { list: ConsentList, create: ConsentCreate, show: ConsentShow, icon: VerifiedUserIcon };
