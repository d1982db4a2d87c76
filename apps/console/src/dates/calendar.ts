import { useLocaleState, useStore } from 'react-admin';
import type { Calendar } from '@tsunagu/util-japanese-calendar';

/** The 和暦/西暦 choice (react-admin's in-memory store: a preference, not personal data). */
export function useCalendar(): [Calendar, (calendar: Calendar) => void] {
  return useStore<Calendar>('tsunagu.calendar', 'wareki');
}

export function useDateDisplay(): { calendar: Calendar; locale: string } {
  const [calendar] = useCalendar();
  const [locale] = useLocaleState();
  return { calendar, locale };
}
