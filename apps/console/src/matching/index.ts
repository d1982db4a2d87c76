import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import AlarmIcon from '@mui/icons-material/Alarm';
import StorefrontIcon from '@mui/icons-material/Storefront';
import LocalActivityIcon from '@mui/icons-material/LocalActivity';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { formatWareki } from '@tsunagu/util-japanese-calendar';
import { GapList } from './GapList';
import { HostCreate, HostEdit } from './HostForms';
import { HostList } from './HostList';
import { HostShow } from './HostShow';
import { MatchBoard } from './MatchBoard';
import { MatchShow } from './MatchShow';
import { NeedCreate } from './NeedCreate';
import { NeedList } from './NeedList';
import { NeedShow } from './NeedShow';
import { OpportunityCreate, OpportunityEdit } from './OpportunityForms';
import { OpportunityList } from './OpportunityList';
import { OpportunityShow } from './OpportunityShow';
import { OverdueFollowUps } from './OverdueFollowUps';

/** 参加ニーズ. */
export const participationNeeds = {
  list: NeedList,
  create: NeedCreate,
  show: NeedShow,
  icon: AssignmentIndIcon,
  recordRepresentation: (record: { registeredOn?: string }) => formatWareki(record.registeredOn),
};
/** マッチング (board by status). */
export const participationMatches = {
  list: MatchBoard,
  show: MatchShow,
  icon: ViewKanbanIcon,
  recordRepresentation: (record: { proposedOn?: string }) => formatWareki(record.proposedOn),
};
/** フォローアップ期限切れ. */
export const participationOverdue = { list: OverdueFollowUps, icon: AlarmIcon };
/** 受入先・協力事業者. */
export const participationHosts = { list: HostList, create: HostCreate, edit: HostEdit, show: HostShow, icon: StorefrontIcon, recordRepresentation: 'name' };
/** 参加先・メニュー. */
export const participationOpportunities = {
  list: OpportunityList,
  create: OpportunityCreate,
  edit: OpportunityEdit,
  show: OpportunityShow,
  icon: LocalActivityIcon,
  recordRepresentation: 'title',
};
/** メニュー不足（地区別）. */
export const participationGaps = { list: GapList, icon: ReportProblemIcon };

export { ParticipationWorkCard } from './OverdueFollowUps';
