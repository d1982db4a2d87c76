import { TextField } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { FieldTitle, InputHelperText, useInput, useResourceContext, useTranslate, type InputProps, type Validator } from 'react-admin';
import { useDateDisplay } from './calendar';
import { formatDate, parseDateInput } from '@tsunagu/util-japanese-calendar';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Accepts only ISO dates (what the input stores once the text reads as a date). */
const readableDate: Validator = (value: unknown) => (value === null || value === undefined || value === '' || (typeof value === 'string' && ISO.test(value)) ? undefined : 'tsunagu.date.invalid');

/**
 * A date input that accepts 和暦 or 西暦 as typed (令和7年4月1日, R7.4.1, 2025/4/1, full-width digits) and stores
 * the ISO date. Shows the value in the calendar chosen in the app bar once the field loses focus.
 */
export function DateInput(props: InputProps & { helperText?: string }) {
  const { source, label, helperText, validate, ...rest } = props;
  const resource = useResourceContext(props);
  const translate = useTranslate();
  const { calendar, locale } = useDateDisplay();
  const validators = [...(Array.isArray(validate) ? validate : validate ? [validate] : []), readableDate];
  const { id, field, fieldState, isRequired } = useInput({ ...rest, source, validate: validators, format: (value: unknown) => value ?? '', parse: (value: unknown) => value });
  const focused = useRef(false);
  const display = (value: unknown) => (typeof value === 'string' && ISO.test(value) ? formatDate(value, calendar, locale) : typeof value === 'string' ? value : '');
  const [text, setText] = useState(() => display(field.value));

  useEffect(() => {
    if (!focused.current) setText(display(field.value));
  }, [field.value, calendar, locale]);

  const invalid = Boolean(fieldState.error) && (fieldState.isTouched || Boolean(fieldState.error?.type === 'server'));
  return (
    <TextField
      id={id}
      name={field.name}
      inputRef={field.ref}
      value={text}
      size="small"
      margin="dense"
      sx={{ minWidth: 260 }}
      label={<FieldTitle label={label} source={source} resource={resource} />}
      onFocus={() => (focused.current = true)}
      onChange={(event) => {
        const typed = event.target.value;
        setText(typed);
        const iso = parseDateInput(typed);
        field.onChange(iso ?? (typed.trim() ? typed : null));
      }}
      onBlur={() => {
        focused.current = false;
        const iso = typeof field.value === 'string' && ISO.test(field.value) ? field.value : undefined;
        if (iso) setText(formatDate(iso, calendar, locale));
        field.onBlur();
      }}
      error={invalid}
      helperText={<InputHelperText error={invalid ? fieldState.error?.message : undefined} helperText={helperText ?? translate('tsunagu.date.hint')} />}
      required={isRequired}
    />
  );
}
