import NoteAltIcon from '@mui/icons-material/NoteAlt';
import { ProgressNoteCreate } from './ProgressNoteCreate';
import { ProgressNoteList } from './ProgressNoteList';
import { ProgressNoteShow } from './ProgressNoteShow';

export default { list: ProgressNoteList, create: ProgressNoteCreate, show: ProgressNoteShow, icon: NoteAltIcon };
