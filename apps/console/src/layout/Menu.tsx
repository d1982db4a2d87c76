import AssessmentIcon from '@mui/icons-material/Assessment';
import ChecklistIcon from '@mui/icons-material/Checklist';
import DashboardIcon from '@mui/icons-material/Dashboard';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { CanAccess, Menu as RaMenu, useTranslate } from 'react-admin';
import { UnreviewedEmergencyAccessBadge } from '../emergency-access/UnreviewedEmergencyAccesses';

/** The caseworker's to-do page, the resources the user may list, and the reporting dashboard for analysts and supervisors. */
export function Menu() {
  const translate = useTranslate();
  return (
    <RaMenu>
      {/* Supervisors and auditors see how many emergency accesses wait for review on the dashboard's entry. */}
      <CanAccess resource="emergency-accesses" action="list" accessDenied={<RaMenu.DashboardItem />} loading={<RaMenu.DashboardItem />}>
        <RaMenu.DashboardItem
          leftIcon={
            <UnreviewedEmergencyAccessBadge>
              <DashboardIcon />
            </UnreviewedEmergencyAccessBadge>
          }
        />
      </CanAccess>
      <CanAccess resource="work" action="list">
        <RaMenu.Item to="/work" primaryText={translate('tsunagu.work.menu')} leftIcon={<ChecklistIcon />} />
      </CanAccess>
      <RaMenu.ResourceItems />
      <CanAccess resource="reports" action="list">
        <RaMenu.Item to="/reports" primaryText={translate('tsunagu.reports.menu')} leftIcon={<AssessmentIcon />} />
      </CanAccess>
      <CanAccess resource="logic-model" action="list">
        <RaMenu.Item to="/logic-model" primaryText={translate('tsunagu.logic_model.menu')} leftIcon={<AccountTreeIcon />} />
      </CanAccess>
      <CanAccess resource="imports" action="list">
        <RaMenu.Item to="/imports" primaryText={translate('tsunagu.import.menu')} leftIcon={<UploadFileIcon />} />
      </CanAccess>
    </RaMenu>
  );
}
