import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useCalendar } from '../dates/calendar';

/** 和暦 / 西暦 switch in the app bar (keyboard: Tab to the group, Space/Enter to choose). */
export function CalendarToggle() {
  const translate = useTranslate();
  const [calendar, setCalendar] = useCalendar();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={calendar}
      onChange={(_event, value) => value && setCalendar(value)}
      aria-label={translate('tsunagu.calendar.toggle')}
      sx={{ mx: 1, bgcolor: 'background.paper', '& .MuiToggleButton-root': { py: 0.25, px: 1 } }}
    >
      <ToggleButton value="wareki">{translate('tsunagu.calendar.wareki')}</ToggleButton>
      <ToggleButton value="seireki">{translate('tsunagu.calendar.seireki')}</ToggleButton>
    </ToggleButtonGroup>
  );
}
