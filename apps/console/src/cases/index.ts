import HandshakeIcon from '@mui/icons-material/Handshake';
import type { RaRecord } from 'react-admin';
import { CaseCreate } from './CaseCreate';
import { CaseList } from './CaseList';
import { CaseShow } from './CaseShow';

export default { list: CaseList, create: CaseCreate, show: CaseShow, icon: HandshakeIcon, recordRepresentation: (record: RaRecord) => String(record.caseNo ?? '') };
