import { Stack, TextField } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { FieldTitle, InputHelperText, useInput, useResourceContext, useTranslate, type InputProps, type Validator } from 'react-admin';
import { useDateDisplay } from './calendar';
import { japanDateAndTime, japanInstant, parseTimeInput } from './date-time';
import { formatDate, parseDateInput } from '@tsunagu/util-japanese-calendar';

/** The value is an ISO instant once both parts read as a date and a time; the typed text otherwise. */
const readableDateTime: Validator = (value: unknown) =>
  value === null || value === undefined || value === '' || (typeof value === 'string' && japanDateAndTime(value) && /T.*Z$/.test(value)) ? undefined : 'tsunagu.date.invalid_date_time';

/**
 * A date-time input the way DateInput reads dates: the date in 和暦 or 西暦 as typed (令和8年3月31日, R8.3.31,
 * 2026/3/31), the time in 24 hours (17:30, 1730, ９：３０), both in Japan time; stores the ISO instant. No browser
 * picker (mm/dd/yyyy, AM/PM).
 */
export function DateTimeInput(props: InputProps & { helperText?: string }) {
  const { source, label, helperText, validate, ...rest } = props;
  const resource = useResourceContext(props);
  const translate = useTranslate();
  const { calendar, locale } = useDateDisplay();
  const validators = [...(Array.isArray(validate) ? validate : validate ? [validate] : []), readableDateTime];
  const { id, field, fieldState, isRequired } = useInput({ ...rest, source, validate: validators, format: (value: unknown) => value ?? '', parse: (value: unknown) => value });
  const focused = useRef(false);
  const parts = (value: unknown) => (typeof value === 'string' ? japanDateAndTime(value) : undefined);
  const [dateText, setDateText] = useState(() => {
    const current = parts(field.value);
    return current ? formatDate(current.date, calendar, locale) : '';
  });
  const [timeText, setTimeText] = useState(() => parts(field.value)?.time ?? '');

  useEffect(() => {
    const current = parts(field.value);
    if (!focused.current && current) {
      setDateText(formatDate(current.date, calendar, locale));
      setTimeText(current.time);
    }
  }, [field.value, calendar, locale]);

  const update = (date: string, time: string) => {
    const isoDate = parseDateInput(date);
    const isoTime = parseTimeInput(time);
    field.onChange(isoDate && isoTime ? japanInstant(isoDate, isoTime) : date.trim() || time.trim() ? `${date} ${time}` : null);
  };
  const blur = () => {
    focused.current = false;
    const current = parts(field.value);
    if (current) {
      setDateText(formatDate(current.date, calendar, locale));
      setTimeText(current.time);
    }
    field.onBlur();
  };
  const invalid = Boolean(fieldState.error) && (fieldState.isTouched || Boolean(fieldState.error?.type === 'server'));
  const title = <FieldTitle label={label} source={source} resource={resource} />;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <TextField
        id={id}
        name={field.name}
        inputRef={field.ref}
        value={dateText}
        size="small"
        margin="dense"
        sx={{ minWidth: 260 }}
        label={title}
        onFocus={() => (focused.current = true)}
        onChange={(event) => {
          setDateText(event.target.value);
          update(event.target.value, timeText);
        }}
        onBlur={blur}
        error={invalid}
        helperText={<InputHelperText error={invalid ? fieldState.error?.message : undefined} helperText={helperText ?? translate('tsunagu.date.hint')} />}
        required={isRequired}
      />
      <TextField
        id={`${id}-time`}
        value={timeText}
        size="small"
        margin="dense"
        sx={{ width: 120 }}
        label={translate('tsunagu.date.time')}
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        onFocus={() => (focused.current = true)}
        onChange={(event) => {
          setTimeText(event.target.value);
          update(dateText, event.target.value);
        }}
        onBlur={blur}
        error={invalid}
        helperText={translate('tsunagu.date.time_hint')}
        required={isRequired}
      />
    </Stack>
  );
}
