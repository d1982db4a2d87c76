import { Typography } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';
import { useDateDisplay } from './calendar';
import { formatDate, formatWareki } from '@tsunagu/util-japanese-calendar';

/** A date (or timestamp, in Japan time) in 和暦 or 西暦 following the toggle; the other calendar as a tooltip. */
export function DateField(props: FieldProps & { showTime?: boolean }) {
  const value = useFieldValue(props) as string | null | undefined;
  const { calendar, locale } = useDateDisplay();
  if (!value) return <Typography component="span" variant="body2" />;
  const text = formatDate(value, calendar, locale);
  const other = calendar === 'wareki' ? formatDate(value, 'seireki', locale) : formatWareki(value);
  const time =
    props.showTime && value.length > 10
      ? ` ${new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(value))}`
      : '';
  return (
    <Typography component="span" variant="body2" title={other}>
      <time dateTime={value}>{text + time}</time>
    </Typography>
  );
}
