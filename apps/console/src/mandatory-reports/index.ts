import ReportIcon from '@mui/icons-material/Report';
import { MandatoryReportList } from './MandatoryReportList';
import { MandatoryReportShow } from './MandatoryReportShow';

/** 通報 records are opened by the intake (abuse tags), never by hand: list and show with the decision. */
export default { list: MandatoryReportList, show: MandatoryReportShow, icon: ReportIcon };
