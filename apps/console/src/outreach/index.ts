import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import { AlertList } from './AlertList';
import { OverdueVisitsPage } from './OverdueVisits';
import { TargetCreate } from './TargetCreate';
import { TargetEdit } from './TargetEdit';
import { TargetList } from './TargetList';
import { TargetShow } from './TargetShow';

/** アウトリーチ対象 (apps/outreach targets). */
export const outreachTargets = {
  list: TargetList,
  create: TargetCreate,
  edit: TargetEdit,
  show: TargetShow,
  icon: DirectionsWalkIcon,
  recordRepresentation: (record: { locationDescription?: string | null; discoveredOn?: string }) => record.locationDescription?.slice(0, 20) ?? record.discoveredOn ?? '',
};

/** 私の期限切れ訪問 and open inactivity alerts. */
export const outreachOverdueVisits = { list: OverdueVisitsPage, icon: EventBusyIcon };

/** 未接触アラート. */
export const outreachAlerts = { list: AlertList, icon: NotificationsActiveIcon };

export { OpenAlertsCard, OutreachWorkCards, OverdueVisitsCard } from './OverdueVisits';
