import AssessmentIcon from '@mui/icons-material/Assessment';
import { CanAccess, Menu as RaMenu, useTranslate } from 'react-admin';

/** The resources the user may list, plus the reporting dashboard for analysts and supervisors. */
export function Menu() {
  const translate = useTranslate();
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      <RaMenu.ResourceItems />
      <CanAccess resource="reports" action="list">
        <RaMenu.Item to="/reports" primaryText={translate('tsunagu.reports.menu')} leftIcon={<AssessmentIcon />} />
      </CanAccess>
    </RaMenu>
  );
}
