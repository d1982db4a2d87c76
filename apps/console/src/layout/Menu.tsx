import AssessmentIcon from '@mui/icons-material/Assessment';
import ChecklistIcon from '@mui/icons-material/Checklist';
import { CanAccess, Menu as RaMenu, useTranslate } from 'react-admin';

/** The caseworker's to-do page, the resources the user may list, and the reporting dashboard for analysts and supervisors. */
export function Menu() {
  const translate = useTranslate();
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      <CanAccess resource="work" action="list">
        <RaMenu.Item to="/work" primaryText={translate('tsunagu.work.menu')} leftIcon={<ChecklistIcon />} />
      </CanAccess>
      <RaMenu.ResourceItems />
      <CanAccess resource="reports" action="list">
        <RaMenu.Item to="/reports" primaryText={translate('tsunagu.reports.menu')} leftIcon={<AssessmentIcon />} />
      </CanAccess>
    </RaMenu>
  );
}
