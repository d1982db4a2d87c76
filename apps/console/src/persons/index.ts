import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import type { RaRecord } from 'react-admin';
import { PersonCreate } from './PersonCreate';
import { PersonEdit } from './PersonEdit';
import { PersonList } from './PersonList';
import { PersonShow } from './PersonShow';

export default {
  list: PersonList,
  create: PersonCreate,
  edit: PersonEdit,
  show: PersonShow,
  icon: PersonSearchIcon,
  recordRepresentation: (record: RaRecord) => `${String(record.familyName ?? '')} ${String(record.givenName ?? '')}`.trim(),
};
