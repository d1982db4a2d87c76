import EventNoteIcon from '@mui/icons-material/EventNote';
import { CouncilMeetingCreate } from './CouncilMeetingCreate';

/** Meetings live under their council (`/councils/{id}/meetings`): listed on the council's page, recorded here. */
export default {
  create: CouncilMeetingCreate,
  icon: EventNoteIcon,
};
